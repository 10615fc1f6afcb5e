/**
 * One-time pairing challenges, kept only in the gateway's memory.
 *
 * A challenge is a `pair_…` id and a random 6-digit code that live for
 * {@linkcode PAIRING_TTL_MS} (5 minutes). Finishing with the right code
 * consumes it; {@linkcode MAX_WRONG_ATTEMPTS} (5) wrong codes lock it for
 * good, so a guesser gets 5 tries out of a million per printed code, never
 * more (the original sets no limit). The code is compared in constant time
 * and never written anywhere but the host's terminal.
 *
 * @module
 */

import { constantTimeEqual, newId, newPairingCode } from "./tokens.ts";
import { GatewayError } from "./errors.ts";

/** How long a pairing code is valid. */
export const PAIRING_TTL_MS = 5 * 60_000;

/** Wrong codes after which a challenge is locked (even the right code is refused then). */
export const MAX_WRONG_ATTEMPTS = 5;

/** Live challenges kept at most; starting another drops the oldest. */
export const MAX_LIVE_PAIRINGS = 16;

/** A started challenge, as `pair/start` answers it. */
export interface PairingChallenge {
  pairingId: string;
  code: string;
  expiresAt: Date;
}

interface Pending extends PairingChallenge {
  wrongAttempts: number;
  locked: boolean;
}

/** The challenges of one gateway process. */
export class PairingBook {
  #pending = new Map<string, Pending>();

  /** Start a challenge at `now`. */
  start(now: Date): PairingChallenge {
    for (const [id, item] of this.#pending) {
      if (item.expiresAt.getTime() <= now.getTime()) this.#pending.delete(id);
    }
    while (this.#pending.size >= MAX_LIVE_PAIRINGS) {
      this.#pending.delete(this.#pending.keys().next().value!);
    }
    const challenge: Pending = {
      pairingId: newId("pair"),
      code: newPairingCode(),
      expiresAt: new Date(now.getTime() + PAIRING_TTL_MS),
      wrongAttempts: 0,
      locked: false,
    };
    this.#pending.set(challenge.pairingId, challenge);
    return { pairingId: challenge.pairingId, code: challenge.code, expiresAt: challenge.expiresAt };
  }

  /**
   * Check `code` against challenge `pairingId` and consume it when right.
   * Throws `pairing_expired` for an unknown, used or expired challenge and
   * `pairing_rejected` for a wrong code or a locked challenge.
   */
  consume(pairingId: string, code: string, now: Date): void {
    const item = this.#pending.get(pairingId);
    if (!item || item.expiresAt.getTime() <= now.getTime()) {
      this.#pending.delete(pairingId);
      throw new GatewayError(
        "pairing_expired",
        "this pairing challenge is unknown, already used or expired",
        {
          kind: "conflict",
          target: pairingId,
          hint: "start a new pairing on the host",
        },
      );
    }
    if (item.locked) throw locked(pairingId);
    if (!constantTimeEqual(code, item.code)) {
      item.wrongAttempts += 1;
      if (item.wrongAttempts >= MAX_WRONG_ATTEMPTS) {
        item.locked = true;
        throw locked(pairingId);
      }
      throw new GatewayError("pairing_rejected", "wrong pairing code", {
        kind: "invalid-input",
        target: pairingId,
      });
    }
    this.#pending.delete(pairingId);
  }
}

function locked(pairingId: string): GatewayError {
  return new GatewayError(
    "pairing_rejected",
    `pairing locked after ${MAX_WRONG_ATTEMPTS} wrong codes`,
    { kind: "conflict", target: pairingId, hint: "start a new pairing on the host" },
  );
}
