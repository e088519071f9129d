/** Mail: enqueue in the business transaction, send from a worker (docs/operations/jobs-and-mail.md). */
export { enqueueMail, isMailAddress, MAIL_SEND_JOB, type MailRequest, mailJob, parseMailPayload } from './enqueue-mail.ts';
export { type MailFile, type ParsedMail, parseEml, readMailFolder } from './mail-folder.ts';
export { createMailSender, type MailDeps, type MailSender, mailFolder, mailHandlers, type OutgoingMail } from './mail-handlers.ts';
export { type MailTemplateName, type MailTemplates, type RenderedMail, renderMail } from './templates.ts';
