export function readConfig(env = process.env) {
    const host = env.SMTP_HOST;
    const user = env.SMTP_USER;
    const pass = env.SMTP_PASS;
    if (!host || !user || !pass) {
        throw new Error("SMTP_HOST, SMTP_USER and SMTP_PASS must be set");
    }
    return {
        host,
        port: Number(env.SMTP_PORT ?? 587),
        user,
        pass,
        from: env.MAIL_FROM ?? user,
        templates: env.MAILROOM_TEMPLATES,
    };
}
