import {
  idNumberFacts,
  maskBankAccount,
  maskIdNumber,
  maskPhone,
  type Education,
  type Person,
  type PersonInput,
} from '@gongyi/domain';
import type { Row } from '../../db/schema.js';
import type { Keyring } from '../crypto/keyring.js';

// Between a person as the API speaks it and as it rests in the database: ID, phone and bank numbers
// encrypted, with keyed hashes for exact search (the ID in full and its last four characters).

export const idHash = (k: Keyring, id: string) => k.hash('id', id);
export const idTailHash = (k: Keyring, tail: string) => k.hash('id-tail', tail.toUpperCase());
export const phoneHash = (k: Keyring, phone: string) => k.hash('phone', phone);
export const bankHash = (k: Keyring, account: string) => k.hash('bank', account);

const sealed = (k: Keyring, v: string | null) => (v === null ? null : k.encrypt(v));

export type PersonColumns = Omit<Row<'persons'>, 'town_id' | 'id' | 'created_at' | 'updated_at'>;

/** `knownIdHash`: the ID's hash when the caller has already computed it (bulk imports). */
export function encodePerson(k: Keyring, p: PersonInput, knownIdHash?: string): PersonColumns {
  const facts = idNumberFacts(p.idNumber);
  return {
    name: p.name,
    id_cipher: k.encrypt(p.idNumber),
    id_hash: knownIdHash ?? idHash(k, p.idNumber),
    id_tail_hash: idTailHash(k, p.idNumber.slice(-4)),
    birth_date: facts.birthDate,
    sex: facts.sex,
    phone_cipher: sealed(k, p.phone),
    phone_hash: p.phone === null ? null : phoneHash(k, p.phone),
    household_registration: p.householdRegistration,
    address: p.address,
    bank_name: p.bankName,
    bank_account_cipher: sealed(k, p.bankAccount),
    bank_account_hash: p.bankAccount === null ? null : bankHash(k, p.bankAccount),
    education: p.education,
    disability_certificate: p.disabilityCertificate,
    emergency_contact_name: p.emergencyContactName,
    emergency_contact_phone_cipher: sealed(k, p.emergencyContactPhone),
  };
}

const opened = (k: Keyring, v: string | null) => (v === null ? null : k.decrypt(v));

/** The person in clear, for comparisons and reveal; never sent as is. */
export function decodePerson(k: Keyring, row: Row<'persons'>): PersonInput {
  return {
    name: row.name,
    idNumber: k.decrypt(row.id_cipher),
    phone: opened(k, row.phone_cipher),
    householdRegistration: row.household_registration,
    address: row.address,
    bankName: row.bank_name,
    bankAccount: opened(k, row.bank_account_cipher),
    education: row.education as Education | null,
    disabilityCertificate: row.disability_certificate,
    emergencyContactName: row.emergency_contact_name,
    emergencyContactPhone: opened(k, row.emergency_contact_phone_cipher),
  };
}

/** The person as every response shows it: numbers masked (310***********123X). */
export function maskedPerson(k: Keyring, row: Row<'persons'>): Person {
  const p = decodePerson(k, row);
  return {
    id: row.id,
    name: row.name,
    idNumberMasked: maskIdNumber(p.idNumber),
    birthDate: row.birth_date,
    sex: row.sex as 'male' | 'female',
    phoneMasked: p.phone === null ? null : maskPhone(p.phone),
    householdRegistration: row.household_registration,
    address: row.address,
    bankName: row.bank_name,
    bankAccountMasked: p.bankAccount === null ? null : maskBankAccount(p.bankAccount),
    education: p.education,
    disabilityCertificate: row.disability_certificate,
    emergencyContactName: row.emergency_contact_name,
    emergencyContactPhoneMasked: p.emergencyContactPhone === null ? null : maskPhone(p.emergencyContactPhone),
  };
}

/** The masked numbers of a roster row, without loading the whole person. */
export function maskedNumbers(k: Keyring, r: { id_cipher: string; phone_cipher: string | null }): { idNumberMasked: string; phoneMasked: string | null } {
  return {
    idNumberMasked: maskIdNumber(k.decrypt(r.id_cipher)),
    phoneMasked: r.phone_cipher === null ? null : maskPhone(k.decrypt(r.phone_cipher)),
  };
}
