import { createTransport } from "nodemailer";
import type { Mailer } from "~/data/reminders.server";
import type { MailConfig } from "./config.server";

// A mail server that stops answering must not hold a reminder run (or a shutdown) for minutes:
// nodemailer's own defaults wait up to 2 minutes to connect and 10 minutes on a silent socket.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Sends plain-text mail through the SMTP server of SMTP_URL (nodemailer), from MAIL_FROM. */
export function createMailer(config: MailConfig): Mailer & { close: () => void } {
  const transport = createTransport({ url: config.url, ...TIMEOUTS }, { from: config.from });
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ to, subject, text });
    },
    close: () => transport.close(),
  };
}
