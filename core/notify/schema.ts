/**
 * The zod schema of one stored notification, for library users who compose
 * schemas. It is built from the same field list `validateNotification`
 * checks (`NOTIFICATION_FIELDS`), and agrees with it on every value; sase's
 * own commands use the plain validator, which costs nothing to load.
 *
 * @module
 */

import { z } from "zod";
import { type Notification, NOTIFICATION_FIELDS, type NotificationField } from "./model.ts";

function fieldSchema(field: NotificationField): z.ZodType {
  switch (field.kind) {
    case "non-empty string":
      return z.string().min(1, field.emptyMessage);
    case "string or null":
      return z.string().nullable();
    case "string list":
      return z.array(z.string());
    case "boolean":
      return z.boolean();
    case "object":
      return z.record(z.string(), z.unknown());
  }
}

/** The zod schema of a stored notification; unknown keys pass through untouched. */
export const NotificationSchema: z.ZodType<Notification> = z.looseObject(
  Object.fromEntries(
    NOTIFICATION_FIELDS.map((field) => {
      const schema = fieldSchema(field);
      return [field.name, field.required ? schema : schema.optional()];
    }),
  ),
) as unknown as z.ZodType<Notification>;
