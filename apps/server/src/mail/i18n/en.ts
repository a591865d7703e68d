// English texts of every mail; nl.ts has the same keys (a unit test holds them together).
export const en = {
  greeting: "Hello {name},",
  greetingNoName: "Hello,",
  replyHint: "You can simply reply to this e-mail: your answer reaches us directly.",
  signoff: "Kind regards,",
  team: "The support team",
  offline_answer: {
    subject: "Our answer to your message",
    intro: "Thank you for your message. Here is our answer:",
    original: "Your message of {when}:",
  },
  follow_up_answer: {
    subject: "As promised: our answer",
    intro: "In our chat we promised to get back to you by e-mail. Here is our answer:",
  },
  transcript: {
    subject: "Your chat with us on {when}",
    intro: "Here is the transcript of your chat, as you asked.",
    visitor: "You",
    system: "Notice",
    /** System lines by their systemKey, so they read in the mail's language; unknown keys keep their stored text. */
    lines: { operator_joined: "{name} joined the chat.", transferred: "You are now chatting with {name}.", requeued: "Your chat goes to the next available colleague." } as Record<string, string>,
  },
  invitation: {
    subject: "You are invited to the support inbox",
    intro: "{inviter} invited you to answer chats in the support inbox. Choose your password with this link; it works once, until {until}.",
    action: "Choose your password",
  },
  password_reset: {
    subject: "Choose a new password",
    intro: "Someone asked to reset the password of your account in the support inbox. If that was you, choose a new password with this link; it works once, until {until}.",
    action: "Choose a new password",
    ignore: "If you did not ask for this, you can ignore this e-mail: your password stays as it is.",
  },
  unanswered_alert: {
    subject: "A chat is waiting and nobody is online",
    intro: "{visitor} has been waiting for {minutes} minutes for an answer, and no colleague is online.",
    action: "Open the inbox",
    optOut: "You receive this because you asked for it in the inbox; you can turn it off there.",
  },
  test: {
    subject: "Test mail from your live chat",
    intro: "This is a test mail. If you can read it, outgoing mail works.",
  },
  someone: "A visitor",
  chat_reply: {
    subject: "Our answer to your e-mail",
    original: "Your e-mail of {when}:",
  },
} as const;
