import {
  idNumberFacts,
  maskBankAccount,
  maskIdNumber,
  maskPhone,
  type Education,
  type Person,
  type PersonInput,
  type PersonUpdate,
} from '@gongyi/domain';
import { changedFields, patchColumns, type ColumnsOf } from '../../db/patch-columns.js';
import type { Row } from '../../db/schema.js';
import type { Keyring } from '../crypto/keyring.js';
import { bankHash, phoneHash, sealNumbers } from './person-seal.js';

export { bankHash, idHash, idTailHash, phoneHash, sealNumbers, type PersonNumbers } from './person-seal.js';

// Between a person as the API speaks it and as it rests in the database: ID, phone and bank numbers
// encrypted, with keyed hashes for exact search (the ID in full and its last four characters).


export type PersonColumns = Omit<Row<'persons'>, 'town_id' | 'id' | 'created_at' | 'updated_at'>;

/** The columns of `encodePersonValues`, in its order; the compiler checks that none is missing. */
const PERSON_COLUMN_ORDER = {
  name: 0,
  id_cipher: 1,
  id_hash: 2,
  id_tail_hash: 3,
  birth_date: 4,
  sex: 5,
  phone_cipher: 6,
  phone_hash: 7,
  household_registration: 8,
  address: 9,
  bank_name: 10,
  bank_account_cipher: 11,
  bank_account_hash: 12,
  education: 13,
  disability_certificate: 14,
  emergency_contact_name: 15,
  emergency_contact_phone_cipher: 16,
} as const satisfies Record<keyof PersonColumns, number>;
export const PERSON_COLUMNS = Object.keys(PERSON_COLUMN_ORDER) as (keyof PersonColumns)[];

/** The person's columns as values in `PERSON_COLUMNS` order, the numbers as `sealNumbers` returned them (from `s[at]` on). */
export function personValues(p: PersonInput, s: readonly (string | null)[], at = 0): (string | null)[] {
  const facts = idNumberFacts(p.idNumber);
  return [
    p.name,
    s[at + 0]!,
    s[at + 1]!,
    s[at + 2]!,
    facts.birthDate,
    facts.sex,
    s[at + 3] ?? null,
    s[at + 4] ?? null,
    p.householdRegistration,
    p.address,
    p.bankName,
    s[at + 5] ?? null,
    s[at + 6] ?? null,
    p.education,
    p.disabilityCertificate,
    p.emergencyContactName,
    s[at + 7] ?? null,
  ];
}

/**
 * The person's columns as values in `PERSON_COLUMNS` order (bulk imports insert them as they are).
 * `knownIdHash`: the ID's hash when the caller has already computed it.
 */
export function encodePersonValues(k: Keyring, p: PersonInput, knownIdHash?: string): (string | null)[] {
  return personValues(p, sealNumbers(k, p, knownIdHash));
}

export function encodePerson(k: Keyring, p: PersonInput, knownIdHash?: string): PersonColumns {
  const values = encodePersonValues(k, p, knownIdHash);
  return Object.fromEntries(PERSON_COLUMNS.map((c) => [c, values[PERSON_COLUMN_ORDER[c]]])) as unknown as PersonColumns;
}

const opened = (k: Keyring, v: string | null) => (v === null ? null : k.decrypt(v));
const sealed = (k: Keyring, v: string | null) => (v === null ? null : k.encrypt(v));

/** The columns of each field of 修改个人信息 (#13 item 1): a number sent is sealed again, with its hash; one not sent is left alone. */
export function personPatchColumns(k: Keyring): ColumnsOf<PersonUpdate, PersonColumns> {
  return {
    name: 'name',
    phone: (v) => ({ phone_cipher: sealed(k, v), phone_hash: v === null ? null : phoneHash(k, v) }),
    householdRegistration: 'household_registration',
    address: 'address',
    bankName: 'bank_name',
    bankAccount: (v) => ({ bank_account_cipher: sealed(k, v), bank_account_hash: v === null ? null : bankHash(k, v) }),
    education: 'education',
    disabilityCertificate: 'disability_certificate',
    emergencyContactName: 'emergency_contact_name',
    emergencyContactPhone: (v) => ({ emergency_contact_phone_cipher: sealed(k, v) }),
  };
}

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

/**
 * The columns that bring a stored person up to date with the whole person given again (a former
 * worker hired anew, #5): the fields it fills in and changes. One it leaves empty says nothing new
 * and keeps the stored value (#13 item 1: a re-hire without the bank account must not erase it).
 */
export function refreshedPersonColumns(k: Keyring, stored: Row<'persons'>, given: PersonInput): Partial<PersonColumns> {
  const { idNumber: _sameId, ...fields } = given;
  const filled: PersonUpdate = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== ''));
  return patchColumns(changedFields(filled, decodePerson(k, stored)), personPatchColumns(k));
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
