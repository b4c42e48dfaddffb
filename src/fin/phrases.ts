// What Fin says, in the languages the Messenger card speaks. Sentences are whole (Fin repeats them
// as they are), with {placeholders} filled in by answers.ts. A missing key in a language is a type
// error (`satisfies FinPhrases`).

const en = {
  noAccount: "You don't have a referral account yet.",
  noAccountHint: 'Ask me to send your referral link and I will set one up for you.',
  erased: 'There is no referral account for you: it was deleted at your request.',
  paused: 'Your referral account is paused, so your link does not count referrals right now.',
  status:
    'Your referral link is {link} (code {code}). You have referred {invited}: {joined} signed up and {converted} became customers.',
  rewards: 'Rewards: {earned} earned, {paid} paid and {pending} pending.',
  noRewards: 'You have not earned a reward yet.',
  held: '{reward} for {friend} is held until {date} because their first payment is less than {days} days old.',
  review: '{reward} for {friend} is waiting for review by our team.',
  approved: '{reward} for {friend} is approved and on its way to you.',
  notPaid: '{friend} signed up but has not paid yet, so that reward is not earned yet.',
  reversedRefund: '{reward} for {friend} was reversed because their payment was refunded.',
  reversedDispute: '{reward} for {friend} was reversed because their payment was disputed.',
  reversedOther: '{reward} for {friend} was reversed.',
  nextOne: 'One more friend who becomes a customer earns your next reward.',
  nextMany: '{left} more friends who become customers earn your next reward.',
  friendsOne: '1 friend',
  friendsMany: '{count} friends',
  aFriend: 'a friend',
  aReward: 'A reward',
  aCoupon: 'A coupon',
  points: '{points} points',
  link: 'Here is your referral link: {link}. When friends sign up through it, they count as your referrals.',
  inviteSent: 'Done: I have invited {email}. They count as your referral when they sign up.',
  inviteMissingEmail: "I need your friend's email address to invite them.",
  inviteInvalidEmail: '{email} does not look like an email address.',
  inviteOwnEmail: 'That is your own email address: please give me a friend’s.',
  inviteLoop: 'That person referred you, so you cannot refer them.',
  inviteLimitPerson: "You have sent today's maximum of invitations. Please try again tomorrow.",
  inviteLimitWorkspace: 'We have sent a lot of invitations today. Please try again tomorrow.',
  inviteRecently: '{email} was invited recently, so we will not invite them again yet.',
  inviteNotInvitable: 'We cannot send an invitation to {email}.',
  invitePaused: 'Your referral account is paused, so I cannot send invitations for you right now.',
}

export type FinPhraseKey = keyof typeof en
type FinPhrases = Record<FinPhraseKey, string>

const es = {
  noAccount: 'Todavía no tienes una cuenta de referidos.',
  noAccountHint: 'Pídeme que te envíe tu enlace de referido y te crearé una.',
  erased: 'No hay ninguna cuenta de referidos a tu nombre: se eliminó a petición tuya.',
  paused:
    'Tu cuenta de referidos está en pausa, así que tu enlace no cuenta referidos ahora mismo.',
  status:
    'Tu enlace de referido es {link} (código {code}). Has referido a {invited}: {joined} se registraron y {converted} se hicieron clientes.',
  rewards: 'Recompensas: {earned} obtenidas, {paid} pagadas y {pending} pendientes.',
  noRewards: 'Todavía no has obtenido ninguna recompensa.',
  held: '{reward} por {friend} está retenida hasta el {date} porque su primer pago tiene menos de {days} días.',
  review: '{reward} por {friend} está pendiente de revisión por nuestro equipo.',
  approved: '{reward} por {friend} está aprobada y en camino.',
  notPaid:
    '{friend} se registró pero aún no ha pagado, así que esa recompensa todavía no se ha obtenido.',
  reversedRefund: '{reward} por {friend} se anuló porque su pago fue reembolsado.',
  reversedDispute: '{reward} por {friend} se anuló porque su pago fue disputado.',
  reversedOther: '{reward} por {friend} se anuló.',
  nextOne: 'Un amigo más que se haga cliente te dará tu próxima recompensa.',
  nextMany: '{left} amigos más que se hagan clientes te darán tu próxima recompensa.',
  friendsOne: '1 amigo',
  friendsMany: '{count} amigos',
  aFriend: 'un amigo',
  aReward: 'Una recompensa',
  aCoupon: 'Un cupón',
  points: '{points} puntos',
  link: 'Este es tu enlace de referido: {link}. Cuando tus amigos se registren con él, contarán como tus referidos.',
  inviteSent: 'Listo: he invitado a {email}. Contará como tu referido cuando se registre.',
  inviteMissingEmail: 'Necesito el correo electrónico de tu amigo para invitarlo.',
  inviteInvalidEmail: '{email} no parece una dirección de correo electrónico.',
  inviteOwnEmail: 'Ese es tu propio correo: dame el de un amigo, por favor.',
  inviteLoop: 'Esa persona te refirió a ti, así que no puedes referirla.',
  inviteLimitPerson: 'Ya enviaste el máximo de invitaciones de hoy. Inténtalo de nuevo mañana.',
  inviteLimitWorkspace: 'Hoy hemos enviado muchas invitaciones. Inténtalo de nuevo mañana.',
  inviteRecently: '{email} fue invitado hace poco, así que todavía no lo volveremos a invitar.',
  inviteNotInvitable: 'No podemos enviar una invitación a {email}.',
  invitePaused: 'Tu cuenta de referidos está en pausa, así que ahora no puedo enviar invitaciones.',
} satisfies FinPhrases

const fr = {
  noAccount: "Vous n'avez pas encore de compte de parrainage.",
  noAccountHint: 'Demandez-moi votre lien de parrainage et je vous en crée un.',
  erased: "Il n'y a pas de compte de parrainage à votre nom : il a été supprimé à votre demande.",
  paused:
    'Votre compte de parrainage est suspendu : votre lien ne compte pas de filleuls pour le moment.',
  status:
    'Votre lien de parrainage est {link} (code {code}). Vous avez parrainé {invited} : {joined} se sont inscrits et {converted} sont devenus clients.',
  rewards: 'Récompenses : {earned} obtenues, {paid} versées et {pending} en attente.',
  noRewards: "Vous n'avez pas encore obtenu de récompense.",
  held: "{reward} pour {friend} est retenue jusqu'au {date} car son premier paiement date de moins de {days} jours.",
  review: '{reward} pour {friend} attend la vérification de notre équipe.',
  approved: '{reward} pour {friend} est approuvée et en route.',
  notPaid:
    "{friend} s'est inscrit mais n'a pas encore payé : cette récompense n'est pas encore acquise.",
  reversedRefund: '{reward} pour {friend} a été annulée car son paiement a été remboursé.',
  reversedDispute: '{reward} pour {friend} a été annulée car son paiement a été contesté.',
  reversedOther: '{reward} pour {friend} a été annulée.',
  nextOne: 'Encore un ami qui devient client et vous obtenez votre prochaine récompense.',
  nextMany: 'Encore {left} amis qui deviennent clients et vous obtenez votre prochaine récompense.',
  friendsOne: '1 ami',
  friendsMany: '{count} amis',
  aFriend: 'un ami',
  aReward: 'Une récompense',
  aCoupon: 'Un bon de réduction',
  points: '{points} points',
  link: "Voici votre lien de parrainage : {link}. Les amis qui s'inscrivent avec ce lien comptent comme vos filleuls.",
  inviteSent:
    "C'est fait : j'ai invité {email}. Cette personne comptera comme votre filleul à son inscription.",
  inviteMissingEmail: "J'ai besoin de l'adresse e-mail de votre ami pour l'inviter.",
  inviteInvalidEmail: '{email} ne ressemble pas à une adresse e-mail.',
  inviteOwnEmail: "C'est votre propre adresse : donnez-moi celle d'un ami.",
  inviteLoop: 'Cette personne vous a parrainé : vous ne pouvez pas la parrainer.',
  inviteLimitPerson:
    "Vous avez envoyé le maximum d'invitations pour aujourd'hui. Réessayez demain.",
  inviteLimitWorkspace: "Nous avons envoyé beaucoup d'invitations aujourd'hui. Réessayez demain.",
  inviteRecently:
    '{email} a été invité récemment : nous ne l’inviterons pas de nouveau tout de suite.',
  inviteNotInvitable: "Nous ne pouvons pas envoyer d'invitation à {email}.",
  invitePaused:
    "Votre compte de parrainage est suspendu : je ne peux pas envoyer d'invitation pour l'instant.",
} satisfies FinPhrases

const de = {
  noAccount: 'Du hast noch kein Empfehlungskonto.',
  noAccountHint: 'Bitte mich um deinen Empfehlungslink, dann richte ich eines für dich ein.',
  erased: 'Es gibt kein Empfehlungskonto für dich: Es wurde auf deinen Wunsch gelöscht.',
  paused: 'Dein Empfehlungskonto ist pausiert, dein Link zählt gerade keine Empfehlungen.',
  status:
    'Dein Empfehlungslink ist {link} (Code {code}). Du hast {invited} empfohlen: {joined} haben sich angemeldet und {converted} sind Kunden geworden.',
  rewards: 'Prämien: {earned} verdient, {paid} ausgezahlt und {pending} ausstehend.',
  noRewards: 'Du hast noch keine Prämie verdient.',
  held: '{reward} für {friend} wird bis zum {date} zurückgehalten, weil die erste Zahlung weniger als {days} Tage alt ist.',
  review: '{reward} für {friend} wird noch von unserem Team geprüft.',
  approved: '{reward} für {friend} ist genehmigt und unterwegs.',
  notPaid:
    '{friend} hat sich angemeldet, aber noch nicht bezahlt, daher ist diese Prämie noch nicht verdient.',
  reversedRefund: '{reward} für {friend} wurde storniert, weil die Zahlung erstattet wurde.',
  reversedDispute: '{reward} für {friend} wurde storniert, weil die Zahlung angefochten wurde.',
  reversedOther: '{reward} für {friend} wurde storniert.',
  nextOne: 'Noch ein Freund, der Kunde wird, und du bekommst deine nächste Prämie.',
  nextMany: 'Noch {left} Freunde, die Kunden werden, und du bekommst deine nächste Prämie.',
  friendsOne: '1 Freund',
  friendsMany: '{count} Freunde',
  aFriend: 'einen Freund',
  aReward: 'Eine Prämie',
  aCoupon: 'Ein Gutschein',
  points: '{points} Punkte',
  link: 'Hier ist dein Empfehlungslink: {link}. Freunde, die sich darüber anmelden, zählen als deine Empfehlungen.',
  inviteSent:
    'Erledigt: Ich habe {email} eingeladen. Nach der Anmeldung zählt die Person als deine Empfehlung.',
  inviteMissingEmail: 'Ich brauche die E-Mail-Adresse deines Freundes, um ihn einzuladen.',
  inviteInvalidEmail: '{email} sieht nicht wie eine E-Mail-Adresse aus.',
  inviteOwnEmail: 'Das ist deine eigene Adresse: Bitte nenne mir die eines Freundes.',
  inviteLoop: 'Diese Person hat dich empfohlen, daher kannst du sie nicht empfehlen.',
  inviteLimitPerson:
    'Du hast heute die maximale Anzahl an Einladungen gesendet. Versuche es morgen wieder.',
  inviteLimitWorkspace:
    'Wir haben heute sehr viele Einladungen gesendet. Versuche es morgen wieder.',
  inviteRecently: '{email} wurde vor Kurzem eingeladen, daher laden wir sie noch nicht erneut ein.',
  inviteNotInvitable: 'An {email} können wir keine Einladung senden.',
  invitePaused:
    'Dein Empfehlungskonto ist pausiert, daher kann ich gerade keine Einladungen senden.',
} satisfies FinPhrases

const pt = {
  noAccount: 'Você ainda não tem uma conta de indicações.',
  noAccountHint: 'Peça-me o seu link de indicação e eu crio uma para você.',
  erased: 'Não há conta de indicações em seu nome: ela foi excluída a seu pedido.',
  paused: 'Sua conta de indicações está pausada, então seu link não conta indicações agora.',
  status:
    'Seu link de indicação é {link} (código {code}). Você indicou {invited}: {joined} se cadastraram e {converted} viraram clientes.',
  rewards: 'Recompensas: {earned} ganhas, {paid} pagas e {pending} pendentes.',
  noRewards: 'Você ainda não ganhou nenhuma recompensa.',
  held: '{reward} por {friend} fica retida até {date} porque o primeiro pagamento tem menos de {days} dias.',
  review: '{reward} por {friend} está aguardando a revisão da nossa equipe.',
  approved: '{reward} por {friend} foi aprovada e está a caminho.',
  notPaid: '{friend} se cadastrou mas ainda não pagou, então essa recompensa ainda não foi ganha.',
  reversedRefund: '{reward} por {friend} foi cancelada porque o pagamento foi reembolsado.',
  reversedDispute: '{reward} por {friend} foi cancelada porque o pagamento foi contestado.',
  reversedOther: '{reward} por {friend} foi cancelada.',
  nextOne: 'Mais um amigo que vire cliente e você ganha sua próxima recompensa.',
  nextMany: 'Mais {left} amigos que virem clientes e você ganha sua próxima recompensa.',
  friendsOne: '1 amigo',
  friendsMany: '{count} amigos',
  aFriend: 'um amigo',
  aReward: 'Uma recompensa',
  aCoupon: 'Um cupom',
  points: '{points} pontos',
  link: 'Aqui está seu link de indicação: {link}. Amigos que se cadastrarem por ele contam como suas indicações.',
  inviteSent: 'Pronto: convidei {email}. A pessoa conta como sua indicação quando se cadastrar.',
  inviteMissingEmail: 'Preciso do e-mail do seu amigo para convidá-lo.',
  inviteInvalidEmail: '{email} não parece um endereço de e-mail.',
  inviteOwnEmail: 'Esse é o seu próprio e-mail: por favor, me dê o de um amigo.',
  inviteLoop: 'Essa pessoa indicou você, então você não pode indicá-la.',
  inviteLimitPerson: 'Você já enviou o máximo de convites de hoje. Tente novamente amanhã.',
  inviteLimitWorkspace: 'Enviamos muitos convites hoje. Tente novamente amanhã.',
  inviteRecently: '{email} foi convidado recentemente, então ainda não vamos convidá-lo de novo.',
  inviteNotInvitable: 'Não podemos enviar um convite para {email}.',
  invitePaused: 'Sua conta de indicações está pausada, então não posso enviar convites agora.',
} satisfies FinPhrases

const PHRASES: Readonly<Record<string, FinPhrases>> = { en, es, fr, de, pt }

/** The language of an Intercom locale (`pt-BR`, `fr_FR`, `DE`), English when we do not speak it. */
export function finLanguage(...locales: ReadonlyArray<string | null | undefined>): string {
  for (const locale of locales) {
    const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? ''
    if (language in PHRASES) return language
  }
  return 'en'
}

export type Say = (key: FinPhraseKey, values?: Readonly<Record<string, string | number>>) => string

export function sayer(language: string): Say {
  const phrases = PHRASES[language] ?? en
  return (key, values = {}) =>
    phrases[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    )
}
