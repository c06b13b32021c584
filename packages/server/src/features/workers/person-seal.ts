import type { Keyring } from '../crypto/keyring.js';

// The encrypted and hashed numbers of a person (ID, phone, bank account, emergency phone), apart
// from person-codec.ts so the sealing worker thread (parallel-seal.ts) loads only this and the keyring.

export const idHash = (k: Keyring, id: string) => k.hash('id', id);
export const idTailHash = (k: Keyring, tail: string) => k.hash('id-tail', tail.toUpperCase());
export const phoneHash = (k: Keyring, phone: string) => k.hash('phone', phone);
export const bankHash = (k: Keyring, account: string) => k.hash('bank', account);

const sealed = (k: Keyring, v: string | null) => (v === null ? null : k.encrypt(v));

/** A person's numbers as `sealNumbers` takes them. */
export interface PersonNumbers {
  idNumber: string;
  phone: string | null;
  bankAccount: string | null;
  emergencyContactPhone: string | null;
}

/**
 * The encrypted and hashed columns of a person: id_cipher, id_hash, id_tail_hash, phone_cipher,
 * phone_hash, bank_account_cipher, bank_account_hash, emergency_contact_phone_cipher (a bulk import
 * runs this in a worker thread, parallel-seal.ts). `knownIdHash`: the ID's hash when the caller has it.
 */
export function sealNumbers(k: Keyring, p: PersonNumbers, knownIdHash?: string): (string | null)[] {
  return [
    k.encrypt(p.idNumber),
    knownIdHash ?? idHash(k, p.idNumber),
    idTailHash(k, p.idNumber.slice(-4)),
    sealed(k, p.phone),
    p.phone === null ? null : phoneHash(k, p.phone),
    sealed(k, p.bankAccount),
    p.bankAccount === null ? null : bankHash(k, p.bankAccount),
    sealed(k, p.emergencyContactPhone),
  ];
}
