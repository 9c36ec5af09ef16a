import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail when SMTP_URL is configured; otherwise reports that nothing was sent, and callers show links instead. */
@Injectable()
export class MailService {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.SMTP_URL ? createTransport(config.SMTP_URL) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(mail: OutgoingMail): Promise<boolean> {
    if (!this.transport) return false;
    try {
      await this.transport.sendMail({ from: this.config.MAIL_FROM, ...mail });
      return true;
    } catch (err) {
      // A mail outage must not fail the action: the link is shown to the sender either way.
      this.logger.warn(`Could not send mail to ${mail.to}: ${String(err)}`);
      return false;
    }
  }
}
