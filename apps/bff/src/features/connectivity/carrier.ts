import type { SimStatus } from '@openthings/domain';

/** A SIM as the carrier's control centre reports it; our `sims` table is a synchronised copy of these. */
export interface CarrierSim {
  iccid: string;
  /** The customer account the SIM belongs to at the carrier. */
  customerId: string;
  status: SimStatus;
  communicationPlan: string;
  ratePlan: string;
  /** The IMEI the network last saw the SIM in, when the carrier knows it. */
  imei: string | null;
  usage: { bytes: number; sms: number };
  /** Start of the SIM's last data session. */
  lastSessionAt: Date | null;
}

/** What the platform may change at the carrier: status and plans (the APN follows the plan). */
export interface CarrierSimChange {
  status?: SimStatus;
  communicationPlan?: string;
  ratePlan?: string;
}

/**
 * The carrier control centre (Cisco Control Center behind the reference platform) as the platform
 * needs it. Every call crosses a network to an external system: it may be slow or fail, so callers
 * never hold a database transaction open across one.
 */
export interface Carrier {
  /** Fresh data of one SIM, or undefined when the carrier does not know the ICCID. */
  getSim(iccid: string): Promise<CarrierSim | undefined>;
  /**
   * One page of a customer's SIMs in ICCID order, after `afterIccid`; control centres page their
   * listings, and a customer may hold hundreds of thousands of SIMs.
   */
  listSims(customerId: string, page?: { afterIccid?: string; limit?: number }): Promise<CarrierSim[]>;
  /** Customer accounts that hold SIMs at the carrier: what the daily synchronisation walks. */
  listCustomerIds(): Promise<string[]>;
  /**
   * Changes status and plans in one request, all or nothing (like Control Center's "edit device
   * details"), so a status refused after a plan was accepted cannot leave the SIM half-changed.
   * Throws `CarrierRefusedError` when the carrier's own rules forbid the change.
   */
  updateSim(iccid: string, change: CarrierSimChange): Promise<CarrierSim>;
}

/** The carrier understood the request and said no (its rules, or it does not know the SIM). */
export class CarrierRefusedError extends Error {
  override name = 'CarrierRefusedError';
}

/** The carrier could not be reached or failed; the request may succeed later. */
export class CarrierUnavailableError extends Error {
  override name = 'CarrierUnavailableError';
}
