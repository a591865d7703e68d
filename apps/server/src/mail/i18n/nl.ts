// Nederlandse teksten van elke mail; dezelfde sleutels als en.ts.
import type { MailTexts } from "./index.js";

export const nl: MailTexts = {
  greeting: "Beste {name},",
  greetingNoName: "Hallo,",
  replyHint: "U kunt gewoon op deze e-mail antwoorden: uw antwoord komt direct bij ons binnen.",
  signoff: "Met vriendelijke groet,",
  team: "Het supportteam",
  offline_answer: {
    subject: "Ons antwoord op uw bericht",
    intro: "Dank u voor uw bericht. Hier is ons antwoord:",
    original: "Uw bericht van {when}:",
  },
  follow_up_answer: {
    subject: "Zoals beloofd: ons antwoord",
    intro: "In onze chat hebben we beloofd per e-mail bij u terug te komen. Hier is ons antwoord:",
  },
  transcript: {
    subject: "Uw chat met ons op {when}",
    intro: "Hier is het verslag van uw chat, zoals u vroeg.",
    visitor: "U",
    system: "Melding",
    lines: { operator_joined: "{name} neemt deel aan de chat.", transferred: "U chat nu met {name}.", requeued: "Uw chat gaat naar de eerstvolgende beschikbare collega." } as Record<string, string>,
  },
  invitation: {
    subject: "U bent uitgenodigd voor de support-inbox",
    intro: "{inviter} heeft u uitgenodigd om chats te beantwoorden in de support-inbox. Kies uw wachtwoord met deze link; hij werkt één keer, tot {until}.",
    action: "Kies uw wachtwoord",
  },
  password_reset: {
    subject: "Kies een nieuw wachtwoord",
    intro: "Iemand heeft gevraagd het wachtwoord van uw account in de support-inbox opnieuw in te stellen. Was u dat, kies dan met deze link een nieuw wachtwoord; hij werkt één keer, tot {until}.",
    action: "Kies een nieuw wachtwoord",
    ignore: "Hebt u dit niet gevraagd, dan kunt u deze e-mail negeren: uw wachtwoord blijft zoals het is.",
  },
  unanswered_alert: {
    subject: "Er wacht een chat en niemand is online",
    intro: "{visitor} wacht al {minutes} minuten op antwoord, en er is geen collega online.",
    action: "Open de inbox",
    optOut: "U krijgt dit omdat u erom vroeg in de inbox; daar kunt u het ook weer uitzetten.",
  },
  test: {
    subject: "Testmail van uw livechat",
    intro: "Dit is een testmail. Kunt u hem lezen, dan werkt uitgaande mail.",
  },
  chat_reply: {
    subject: "Ons antwoord op uw e-mail",
    original: "Uw e-mail van {when}:",
  },
  someone: "Een bezoeker",
};
