/**
 * The pairing page: the pairing id and 6-digit code the gateway printed
 * become a device token (`POST /api/v1/session/pair/finish`), kept in
 * this browser's storage. The page never shows a token, not even an
 * existing one: it only says whether this browser is paired.
 *
 * @module
 */

import { h, replace } from "./dom.ts";
import { call, savedToken, saveToken } from "./api.ts";
import { describe } from "./shell.ts";

/** The pairing answer the app needs. */
interface PairFinish {
  token: string;
  device: { device_id: string; display_name: string };
}

/** A pairing id from what the user typed or pasted (`Pairing ID: pair_…` works too). */
export function pairingIdOf(text: string): string {
  const match = /pair_[A-Za-z0-9_-]+/.exec(text);
  return match ? match[0] : text.trim();
}

/** A readable name for this browser, sent as the device's display name. */
function deviceName(): string {
  const agent = navigator.userAgent;
  const platform = /Android/.test(agent)
    ? "Android"
    : /iPhone|iPad/.test(agent)
    ? "iOS"
    : "Browser";
  return `${platform} web app`;
}

/** Render the pairing page into `root`; `paired` runs after a successful pairing. */
export function renderPair(root: HTMLElement, paired: () => void): void {
  const idInput = h("input", {
    id: "pairing-id",
    name: "pairing_id",
    autocomplete: "off",
    autocapitalize: "none",
    spellcheck: "false",
    placeholder: "pair_…",
    required: true,
  });
  const codeInput = h("input", {
    id: "pairing-code",
    name: "code",
    inputmode: "numeric",
    autocomplete: "one-time-code",
    pattern: "[0-9]{6}",
    maxlength: "6",
    placeholder: "123456",
    required: true,
  });
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const button = h("button", { type: "submit", class: "primary" }, "Pair");
  const form = h(
    "form",
    {
      id: "pair-form",
      on: {
        submit: async (event) => {
          event.preventDefault();
          button.disabled = true;
          error.hidden = true;
          try {
            const answer = await call<PairFinish>("POST", "/api/v1/session/pair/finish", {
              pairing_id: pairingIdOf(idInput.value),
              code: codeInput.value.trim(),
              device: { display_name: deviceName(), platform: "web" },
            });
            saveToken(answer.token);
            codeInput.value = "";
            paired();
          } catch (failure) {
            error.hidden = false;
            replace(error, describe(failure));
          } finally {
            button.disabled = false;
          }
        },
      },
    },
    h("label", { for: "pairing-id" }, "Pairing ID"),
    idInput,
    h("label", { for: "pairing-code" }, "Pairing code"),
    codeInput,
    button,
    error,
  );
  replace(
    root,
    h(
      "section",
      { class: "pair" },
      h("h1", null, "Pair with sase"),
      savedToken()
        ? h("p", { class: "muted" }, "This browser is already paired. Pairing again replaces it.")
        : null,
      h(
        "p",
        null,
        "Run `sase mobile gateway start` on your computer and type the Pairing ID and the 6-digit code it prints. The code works once, for 5 minutes.",
      ),
      form,
    ),
  );
}
