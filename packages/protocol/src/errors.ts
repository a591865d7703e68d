// Error messages in both languages: what happened and what to do.
import type { ErrorBody, ErrorCode, Locale } from "./types.js";

export const ERROR_MESSAGES: Record<ErrorCode, Record<Locale, string>> = {
  BAD_REQUEST: {
    en: "The request was not understood. Check the input and try again.",
    nl: "Het verzoek is niet begrepen. Controleer de invoer en probeer het opnieuw.",
  },
  UNAUTHORIZED: { en: "Please sign in first.", nl: "Log eerst in." },
  FORBIDDEN: { en: "You are not allowed to do this.", nl: "U mag dit niet doen." },
  NOT_FOUND: { en: "This was not found. It may have been removed.", nl: "Dit is niet gevonden. Mogelijk is het verwijderd." },
  CONFLICT: { en: "This conflicts with something that already exists.", nl: "Dit botst met iets dat al bestaat." },
  INVALID_CREDENTIALS: {
    en: "The email address or password is not correct.",
    nl: "Het e-mailadres of wachtwoord klopt niet.",
  },
  RATE_LIMITED: {
    en: "Too many attempts. Wait a moment and try again.",
    nl: "Te veel pogingen. Wacht even en probeer het opnieuw.",
  },
  VISITOR_STILL_CONNECTED: {
    en: "The customer is still in the chat. Wait until they leave, or give a reason once they have been silent for a while.",
    nl: "De klant is nog in de chat. Wacht tot de klant vertrekt, of geef een reden als de klant een tijd stil is geweest.",
  },
  CONVERSATION_CLOSED: { en: "This chat has already ended.", nl: "Deze chat is al beëindigd." },
  NOT_ASSIGNED: { en: "This chat is not assigned to you.", nl: "Deze chat is niet aan u toegewezen." },
  ALREADY_ASSIGNED: { en: "A colleague has already taken this chat.", nl: "Een collega heeft deze chat al opgepakt." },
  CAPACITY_REACHED: {
    en: "You have reached your maximum number of chats. Finish one first.",
    nl: "U hebt uw maximale aantal chats bereikt. Rond er eerst een af.",
  },
  OPERATOR_UNAVAILABLE: {
    en: "That colleague is not available right now. Choose someone who is online.",
    nl: "Die collega is nu niet beschikbaar. Kies iemand die online is.",
  },
  OPERATOR_AT_CAPACITY: {
    en: "That colleague is at their maximum number of chats. Hand the chat over anyway, or queue it for them.",
    nl: "Die collega zit aan het maximale aantal chats. Draag de chat toch over, of zet hem klaar voor die collega.",
  },
  CROSS_SITE_REQUEST: {
    en: "This request came from another site and was refused. Open the inbox itself and try again there.",
    nl: "Dit verzoek kwam van een andere site en is geweigerd. Open de inbox zelf en probeer het daar opnieuw.",
  },
  LAST_ADMIN: {
    en: "This is the last admin. Make someone else admin first.",
    nl: "Dit is de laatste beheerder. Maak eerst iemand anders beheerder.",
  },
  UNKNOWN_PLACEHOLDER: {
    en: "The text contains a placeholder that does not exist.",
    nl: "De tekst bevat een invulveld dat niet bestaat.",
  },
  CLOSED: {
    en: "We are closed right now. Leave a message and we will answer as soon as we are open again.",
    nl: "Wij zijn nu gesloten. Laat een bericht achter, dan antwoorden wij zodra we weer open zijn.",
  },
  INVITATION_INVALID: {
    en: "This link has expired or has already been used. Ask your admin for a new one.",
    nl: "Deze link is verlopen of al gebruikt. Vraag uw beheerder om een nieuwe.",
  },
  PROTOCOL_VERSION: {
    en: "This chat window is out of date after an update. Reload the page to continue.",
    nl: "Dit chatvenster is na een update verouderd. Laad de pagina opnieuw om verder te gaan.",
  },
  CONNECTION_LOST: {
    en: "The connection to the server is lost. It comes back by itself; try again once it is back.",
    nl: "De verbinding met de server is verbroken. Die herstelt zich vanzelf; probeer het opnieuw zodra die terug is.",
  },
  INTERNAL: {
    en: "Something went wrong on our side. Please try again.",
    nl: "Er ging bij ons iets mis. Probeer het opnieuw.",
  },
  ALREADY_ANSWERED: {
    en: "This message has already been answered. Open it to see the answer.",
    nl: "Dit bericht is al beantwoord. Open het om het antwoord te zien.",
  },
  MAIL_NOT_CONFIGURED: {
    en: "Mail is not set up on this server yet. Set SMTP_URL, then try again.",
    nl: "E-mail is op deze server nog niet ingesteld. Stel SMTP_URL in en probeer het opnieuw.",
  },
  NO_EMAIL_ADDRESS: {
    en: "There is no e-mail address to send this to. Enter one and try again.",
    nl: "Er is geen e-mailadres om dit naartoe te sturen. Vul er een in en probeer het opnieuw.",
  },
  RESET_LINK_INVALID: {
    en: "This reset link has expired or has already been used. Ask for a new one.",
    nl: "Deze herstellink is verlopen of al gebruikt. Vraag een nieuwe aan.",
  },
  FILE_TOO_LARGE: {
    en: "This file is too large. Send a smaller file, or a screenshot of the part that matters.",
    nl: "Dit bestand is te groot. Stuur een kleiner bestand, of een schermafbeelding van het belangrijke deel.",
  },
  FILE_TYPE_NOT_ALLOWED: {
    en: "This kind of file cannot be sent. Send an image (PNG, JPEG, GIF, WebP), a PDF, a text or CSV file, or a Word, Excel or OpenDocument file.",
    nl: "Dit soort bestand kan niet worden verstuurd. Stuur een afbeelding (PNG, JPEG, GIF, WebP), een pdf, een tekst- of csv-bestand, of een Word-, Excel- of OpenDocument-bestand.",
  },
  FILE_LIMIT_REACHED: {
    en: "You have sent the most files allowed for now. Wait a while, or describe it in a message.",
    nl: "U hebt voorlopig het maximale aantal bestanden verstuurd. Wacht even, of beschrijf het in een bericht.",
  },
  LINK_EXPIRED: {
    en: "This link has expired. Open the chat again for a fresh link.",
    nl: "Deze link is verlopen. Open de chat opnieuw voor een nieuwe link.",
  },
  VISITOR_NOT_ONLINE: {
    en: "This visitor has left the site. Invite someone who is on it now.",
    nl: "Deze bezoeker heeft de site verlaten. Nodig iemand uit die er nu is.",
  },
  VISITOR_IN_CHAT: {
    en: "This visitor is already in a chat. Open that chat instead.",
    nl: "Deze bezoeker zit al in een chat. Open die chat in plaats daarvan.",
  },
  INVITATION_DISMISSED: {
    en: "This visitor closed an invitation during this visit. Wait until they start a chat themselves.",
    nl: "Deze bezoeker heeft tijdens dit bezoek een uitnodiging gesloten. Wacht tot de bezoeker zelf een chat begint.",
  },
  CHAT_STILL_OPEN: {
    en: "This visitor has a chat that is still open. Let it end or close it first, then erase the visitor.",
    nl: "Deze bezoeker heeft nog een open chat. Laat die eerst eindigen of sluit hem, en wis de bezoeker daarna.",
  },
  VISITOR_ERASED: {
    en: "Your details and chats have been erased at your request, so this chat is no longer available. Reload the page to start a new chat.",
    nl: "Uw gegevens en chats zijn op uw verzoek gewist, dus deze chat is niet meer beschikbaar. Laad de pagina opnieuw om een nieuwe chat te beginnen.",
  },
};

export function errorBody(code: ErrorCode, locale: Locale = "en", field?: string, message?: string): ErrorBody {
  return field ? { code, message: message ?? ERROR_MESSAGES[code][locale], field } : { code, message: message ?? ERROR_MESSAGES[code][locale] };
}

/** The true reason a transfer was refused: who is full and at how many, and the two ways on. */
export function operatorAtCapacity(locale: Locale, name: string, maxChats: number): ErrorBody {
  const message =
    locale === "nl"
      ? `${name} zit aan het maximum van ${maxChats} chats. Draag de chat toch over, of zet hem klaar voor ${name}: hij gaat naar ${name} zodra er plek vrijkomt.`
      : `${name} is at their maximum of ${maxChats} chats. Hand the chat over anyway, or queue it for ${name}: it goes to them as soon as a seat frees.`;
  return { code: "OPERATOR_AT_CAPACITY", message, field: "toOperatorId", params: { name, maxChats } };
}

/** Picks nl or en from an Accept-Language header or a locale hint; anything else is English. */
export function pickLocale(hint: string | undefined | null): Locale {
  if (!hint) return "en";
  const first = hint.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("nl") ? "nl" : "en";
}
