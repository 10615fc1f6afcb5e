/**
 * One notification: its notes, files and attachments, and the decision it
 * waits for — a plan (its text and the checkout's diff) with approve, tale,
 * epic, legend, reject and feedback; a HITL checkpoint with accept, edit
 * (feedback) and reject; a question with its options and a custom answer.
 * Every text here was written by an agent: it goes in as text nodes only.
 *
 * @module
 */

import { h, replace, shortTime } from "./dom.ts";
import { attachmentBlob, attachmentText, call } from "./api.ts";
import { describe, notice, report } from "./shell.ts";
import type {
  ActionResultWire,
  MobileAttachmentManifestWire,
  MobileNotificationDetailResponseWire,
} from "./types.ts";

/** Kinds of attachment shown inline as text. */
const TEXT_KINDS = new Set(["markdown", "diff", "text", "json"]);

/** Load a notification's detail. */
export function loadDetail(id: string): Promise<MobileNotificationDetailResponseWire> {
  return call<MobileNotificationDetailResponseWire>(
    "GET",
    `/api/v1/notifications/${encodeURIComponent(id)}`,
  );
}

/** A unified diff as lines coloured by their first character. */
export function diffView(text: string): HTMLElement {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return h(
    "pre",
    { class: "diff" },
    ...lines.map((line) => {
      const kind = line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ")
        ? "file"
        : line.startsWith("@@")
        ? "hunk"
        : line.startsWith("+")
        ? "add"
        : line.startsWith("-")
        ? "del"
        : "ctx";
      return h("span", { class: `line ${kind}` }, line, "\n");
    }),
  );
}

function sizeText(bytes: number | null): string {
  if (bytes === null) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Open an attachment: text kinds as text (a diff coloured), images as images, others saved. */
async function openAttachment(item: MobileAttachmentManifestWire, token: string, into: Element) {
  try {
    if (TEXT_KINDS.has(item.kind)) {
      const text = await attachmentText(token);
      replace(into, item.kind === "diff" ? diffView(text) : h("pre", null, text));
      return;
    }
    const url = URL.createObjectURL(await attachmentBlob(token));
    if (item.kind === "image") {
      replace(into, h("img", { class: "inline-image", src: url, alt: item.display_name }));
    } else {
      h("a", { href: url, download: item.display_name }).click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    }
  } catch (error) {
    replace(into, h("p", { class: "error" }, describe(error)));
  }
}

/** One attachment: its name, kind and size, and a button that opens it. */
function attachment(item: MobileAttachmentManifestWire): HTMLElement {
  const body = h("div", { class: "attachment-body" });
  const token = item.token;
  const inline = TEXT_KINDS.has(item.kind) || item.kind === "image";
  return h(
    "li",
    { class: "attachment" },
    h("span", { class: "name" }, item.display_name),
    h("span", { class: "muted" }, ` ${item.kind} ${sizeText(item.byte_size)}`),
    token && item.downloadable
      ? h(
        "button",
        { on: { click: () => openAttachment(item, token, body) } },
        inline ? "View" : "Download",
      )
      : h("span", { class: "muted" }, " (not downloadable)"),
    body,
  );
}

/** Run an action and show its outcome; `done` reloads the view. */
async function act(path: string, body: object, done: () => void): Promise<void> {
  try {
    const result = await call<ActionResultWire>("POST", path, body);
    notice(result.message ?? "Done");
  } catch (error) {
    report(error);
  }
  done();
}

/** A text box and a button that sends its text. */
function textAction(label: string, field: string, send: (text: string) => void): HTMLElement {
  const box = h("textarea", { rows: "3", placeholder: label, "aria-label": label, name: field });
  return h(
    "div",
    { class: "text-action" },
    box,
    h("button", {
      on: {
        click: () => {
          const text = box.value.trim();
          if (text) send(text);
          else notice(`${label}: type something first`, "error");
        },
      },
    }, label),
  );
}

function planActions(prefix: string, done: () => void): HTMLElement {
  const path = (action: string) => `/api/v1/actions/plan/${encodeURIComponent(prefix)}/${action}`;
  const button = (label: string, action: string, body: object = {}) =>
    h("button", {
      class: action === "reject" ? "danger" : "primary",
      "data-action": label.toLowerCase(),
      on: { click: () => act(path(action), body, done) },
    }, label);
  return h(
    "div",
    { class: "decision" },
    h(
      "div",
      { class: "buttons" },
      button("Approve", "approve", { commit_plan: false, run_coder: true }),
      button("Tale", "tale"),
      button("Epic", "epic"),
      button("Legend", "legend"),
      button("Reject", "reject"),
    ),
    textAction(
      "Send feedback",
      "feedback",
      (feedback) => act(path("feedback"), { feedback }, done),
    ),
  );
}

function hitlActions(prefix: string, done: () => void): HTMLElement {
  const path = (action: string) => `/api/v1/actions/hitl/${encodeURIComponent(prefix)}/${action}`;
  return h(
    "div",
    { class: "decision" },
    h(
      "div",
      { class: "buttons" },
      h("button", {
        class: "primary",
        "data-action": "accept",
        on: { click: () => act(path("accept"), {}, done) },
      }, "Accept"),
      h("button", {
        class: "danger",
        "data-action": "reject",
        on: { click: () => act(path("reject"), {}, done) },
      }, "Reject"),
    ),
    textAction(
      "Edit: send changes",
      "feedback",
      (feedback) => act(path("feedback"), { feedback }, done),
    ),
  );
}

function questionActions(
  detail: MobileNotificationDetailResponseWire,
  prefix: string,
  done: () => void,
): HTMLElement {
  const path = (choice: string) =>
    `/api/v1/actions/question/${encodeURIComponent(prefix)}/${choice}`;
  const questions = detail.action.questions ?? [];
  if (questions.length === 0) return h("p", { class: "muted" }, "The question file is missing.");
  return h(
    "div",
    { class: "decision" },
    ...questions.map((asked, index) =>
      h(
        "fieldset",
        { class: "question" },
        h("legend", null, asked.question),
        h(
          "div",
          { class: "buttons" },
          ...asked.options.map((option, optionIndex) =>
            h("button", {
              class: "option",
              on: {
                click: () =>
                  act(
                    path("answer"),
                    { question_index: index, selected_option_index: optionIndex },
                    done,
                  ),
              },
            }, option.label)
          ),
        ),
        textAction("Send custom answer", "custom_answer", (text) =>
          act(path("custom"), { question_index: index, custom_answer: text }, done)),
      )
    ),
  );
}

/** The plan text and, when the detail carries one, the checkout's diff. */
function planView(detail: MobileNotificationDetailResponseWire): HTMLElement {
  const diff = detail.attachments.find((item) => item.kind === "diff" && item.token);
  const changes = h("div", { class: "changes" }, diff ? "Loading the diff…" : "No changes yet.");
  if (diff?.token) {
    attachmentText(diff.token).then(
      (text) => replace(changes, diffView(text)),
      (error) => replace(changes, h("p", { class: "error" }, describe(error))),
    );
  }
  return h(
    "div",
    { class: "plan-review" },
    h("h2", null, "Plan"),
    h("pre", { class: "plan" }, detail.action.plan_text ?? "(the plan file could not be read)"),
    h("h2", null, "Changes"),
    changes,
  );
}

const HANDLED: Record<string, string> = {
  already_handled: "Already handled.",
  stale: "Stale: the run has moved on.",
  missing_request: "The request file is missing.",
  missing_target: "The agent is gone.",
  unsupported: "Not supported from the phone.",
};

/** The action part of a detail. */
function actionView(
  detail: MobileNotificationDetailResponseWire,
  done: () => void,
): HTMLElement | null {
  const { action } = detail;
  if (action.kind === "non_action") return null;
  const parts: (HTMLElement | null)[] = [];
  const planLike = action.kind === "plan_approval" || action.kind === "epic_approval";
  if (planLike) parts.push(planView(detail));
  if (action.kind === "hitl" && action.agent_name) {
    parts.push(h("p", null, "Agent waiting: ", h("strong", null, action.agent_name)));
  }
  const prefix = action.identity?.prefix;
  if (action.state !== "available" || !prefix) {
    parts.push(h("p", { class: "handled" }, HANDLED[action.state] ?? action.state));
  } else if (planLike) parts.push(planActions(prefix, done));
  else if (action.kind === "hitl") parts.push(hitlActions(prefix, done));
  else if (action.kind === "user_question") parts.push(questionActions(detail, prefix, done));
  else parts.push(h("p", { class: "handled" }, HANDLED.unsupported));
  return h("section", { class: `action ${action.kind}` }, ...parts);
}

/** Render a detail into `root`; `refresh` reloads it, `back` returns to the inbox. */
export function renderDetail(
  root: HTMLElement,
  detail: MobileNotificationDetailResponseWire,
  refresh: () => void,
  back: () => void,
): void {
  const row = detail.notification;
  const dismiss = async () => {
    try {
      await call("POST", `/api/v1/notifications/${encodeURIComponent(row.id)}/dismiss`);
      notice("Dismissed");
      back();
    } catch (error) {
      report(error);
    }
  };
  replace(
    root,
    h("a", { class: "back", href: "#/inbox" }, "‹ Inbox"),
    h(
      "header",
      { class: "detail-head" },
      h("h1", null, row.sender),
      h("time", { datetime: row.timestamp }, shortTime(row.timestamp)),
      ...row.tags.map((tag) => h("span", { class: "badge" }, tag)),
    ),
    h(
      "section",
      { class: "notes" },
      ...detail.notes.map((note) => h("p", { class: "note" }, note)),
    ),
    actionView(detail, refresh),
    detail.attachments.length
      ? h(
        "section",
        { class: "files" },
        h("h2", null, "Files"),
        h("ul", null, ...detail.attachments.map(attachment)),
      )
      : null,
    h(
      "div",
      { class: "row-actions" },
      row.dismissed ? null : h("button", { class: "dismiss", on: { click: dismiss } }, "Dismiss"),
    ),
  );
}
