export interface EpisodePlan {
  /** IOP episodes. */
  episodes: number;
  extractDate: string;
  /** Admissions spread over this many days before the extract date. */
  windowDays: number;
  /** op-only episodes per IOP episode. */
  opRatio: number;
  readmissionRate: number;
}

/**
 * Episode numbering: client c owns ep_no 5c + slot, slot 0 = detox before, 1 = residential or PHP
 * before, 2 = first core episode (IOP, or op for op-only clients), 3 = IOP readmission, 4 = the
 * episode after. Encounter and screen ids derive from ep_no; the exported ids are a bijection of it.
 */
export const EPISODE_ID_SQL = `
  CREATE OR REPLACE MACRO episode_id(ep_no) AS 1000000000 + (ep_no * 2654435761 + 40503) % 17179869184;
  CREATE OR REPLACE MACRO client_id(c) AS 30000000000 + (c * 2246822519 + 12345) % 17179869184;
`;
