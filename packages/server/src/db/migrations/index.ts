import type { Migration } from 'kysely';
import * as organisation from './2026_11_28_0001_organisation.js';
import * as identity from './2026_11_28_0002_identity.js';
import * as workers from './2026_11_28_0003_workers.js';
import * as staffing from './2026_11_30_0004_staffing.js';
import * as assessment from './2026_11_30_0005_assessment.js';
import * as payroll from './2026_11_30_0006_payroll.js';
import * as ledger from './2026_11_30_0008_ledger.js';
import * as assessmentFillfactor from './2026_11_30_0009_assessment_fillfactor.js';
import * as keyCheck from './2026_12_08_0010_key_check.js';
import * as tamperEvidence from './2026_12_08_0011_tamper_evidence.js';
import * as signInHardening from './2026_12_08_0012_sign_in_hardening.js';
import * as uniqueGrants from './2026_12_08_0015_unique_grants.js';

/**
 * Every migration, in order. Listed statically (not read from a folder) so the same set runs
 * from source, from tests and from a bundled build. Names are dated and never renamed.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_28_0001_organisation': organisation,
  '2026_11_28_0002_identity': identity,
  '2026_11_28_0003_workers': workers,
  '2026_11_30_0004_staffing': staffing,
  '2026_11_30_0005_assessment': assessment,
  '2026_11_30_0006_payroll': payroll,
  '2026_11_30_0008_ledger': ledger,
  '2026_11_30_0009_assessment_fillfactor': assessmentFillfactor,
  '2026_12_08_0010_key_check': keyCheck,
  '2026_12_08_0011_tamper_evidence': tamperEvidence,
  '2026_12_08_0012_sign_in_hardening': signInHardening,
  '2026_12_08_0015_unique_grants': uniqueGrants,
};
