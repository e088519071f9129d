/**
 * Claims (issue #4), the mails and links the first pass left out: the jeweler's order mail (JPF-SETTLE-2), the proof of
 * loss decision mails (JPF-DUTY-4), the settlement ready to agree (JPF-SETTLE-9), a withdrawn duty request (JPF-DUTY-5)
 * with its form on the claim's diary. Mails to the insured and the jeweler are in plain words, in their language.
 */
const en = {
  // JPF-SETTLE-2: the jeweler's order
  'claims_polish.order_work.repair': 'repair',
  'claims_polish.order_work.replace': 'replacement',
  'claims_polish.order_deductible': 'You collect the policy deductible of {amount} from the customer; invoice us the rest.',
  'mail.claim_jeweler_order_sent.subject': 'A new repair or replacement order',
  'mail.claim_jeweler_order_sent.intro': 'We have sent you a {work} order: order {orderNo} on claim {claimNumber}, for {item}. {deductible}',
  'mail.claim_jeweler_order_sent.action': 'See your orders',
  'mail.claim_jeweler_order_sent.outro':
    'The order page has what you need to contact the customer and our instructions. Please accept the order there, and mark it completed when the work is done.',
  // JPF-DUTY-4: the proof of loss decided
  'mail.claim_proof_of_loss_rejected.subject': 'We could not accept your proof of loss',
  'mail.claim_proof_of_loss_rejected.intro':
    'We could not accept the proof of loss you sent for claim {claimNumber}. Our reason: {reason}. Please send us a new proof of loss {due}.',
  'mail.claim_proof_of_loss_rejected.action': 'Send a new proof of loss',
  'mail.claim_proof_of_loss_rejected.outro':
    'Your policy asks for the proof of loss within 90 days after the loss. If you cannot send it by then, please contact us before the date.',
  'mail.claim_proof_of_loss_accepted.subject': 'We have accepted your proof of loss',
  'mail.claim_proof_of_loss_accepted.intro': 'We have accepted the proof of loss you sent for claim {claimNumber}. {next}',
  'mail.claim_proof_of_loss_accepted.action': 'See your claim',
  'mail.claim_proof_of_loss_accepted.outro': 'Thank you. You can follow your claim, its deadlines and payments on its page.',
  'claims_polish.proof_accepted.pay_by': 'You have also agreed to the settlement amount, so we pay by {date}.',
  'claims_polish.proof_accepted.agree_next': 'Once you have agreed in writing to the settlement amount, we pay within 30 days.',
  // JPF-SETTLE-9: a worksheet version to agree
  'mail.claim_settlement_ready.subject': 'Your settlement is ready to review',
  'mail.claim_settlement_ready.intro': 'We have worked out what we pay on claim {claimNumber}: {amount}. {next}',
  'mail.claim_settlement_ready.action': 'Review the settlement',
  'mail.claim_settlement_ready.outro':
    'We pay within 30 days after you have agreed to the amount in writing and we have accepted your proof of loss. If you do not agree with the amount, you or we can ask for an appraisal.',
  'claims_polish.settlement_ready.first':
    'The settlement page shows, item by item, how we worked it out. Please check it and, if you agree, agree to it in writing on that page.',
  'claims_polish.settlement_ready.changed':
    'This replaces the amount we showed you before, so we need your agreement again. The settlement page shows, item by item, how we worked it out.',
  // JPF-DUTY-5: a request withdrawn
  'mail.claim_duty_withdrawn.subject': 'We no longer need this from you',
  'mail.claim_duty_withdrawn.intro': 'For claim {claimNumber} we no longer need the following from you: {duty}.',
  'mail.claim_duty_withdrawn.action': 'See your claim',
  'mail.claim_duty_withdrawn.outro': 'You can ignore our earlier request and its reminders. If you have already done it, thank you.',
  'claims_polish.withdraw.label': 'Withdraw the request: {what}',
  'claims_polish.withdraw.reason': 'Why it is withdrawn',
  'claims_polish.withdraw.reason_hint': 'Kept in the claim’s audit trail; the insured is told only that it is no longer needed.',
  'claims_polish.withdraw.reason_required': 'Say why the request is withdrawn (at least 3 characters).',
  'claims_polish.withdraw.submit': 'Withdraw the request',
  'claims_polish.withdraw.done': 'Request withdrawn: {what}. Its deadline is cancelled.',
  'claims_polish.error.request_answered': 'The insured has already answered this request: record it as done instead.',
};

const nl: Record<keyof typeof en, string> = {
  'claims_polish.order_work.repair': 'reparatie',
  'claims_polish.order_work.replace': 'vervanging',
  'claims_polish.order_deductible': 'U int het eigen risico van {amount} bij de klant; de rest factureert u aan ons.',
  'mail.claim_jeweler_order_sent.subject': 'Een nieuwe herstel- of vervangingsopdracht',
  'mail.claim_jeweler_order_sent.intro':
    'Wij hebben u een opdracht tot {work} gestuurd: opdracht {orderNo} bij schadeclaim {claimNumber}, voor {item}. {deductible}',
  'mail.claim_jeweler_order_sent.action': 'Bekijk uw opdrachten',
  'mail.claim_jeweler_order_sent.outro':
    'Op de pagina van de opdracht staan de gegevens om de klant te bereiken en onze instructies. Neem de opdracht daar aan en meld hem klaar als het werk gedaan is.',
  'mail.claim_proof_of_loss_rejected.subject': 'Wij konden uw schadeopgave niet aanvaarden',
  'mail.claim_proof_of_loss_rejected.intro':
    'Wij konden de schadeopgave die u stuurde voor schadeclaim {claimNumber} niet aanvaarden. Onze reden: {reason}. Stuur ons een nieuwe schadeopgave, {due}.',
  'mail.claim_proof_of_loss_rejected.action': 'Nieuwe schadeopgave sturen',
  'mail.claim_proof_of_loss_rejected.outro':
    'Uw polis vraagt de schadeopgave binnen 90 dagen na het verlies. Lukt dat niet op tijd, neem dan voor die datum contact met ons op.',
  'mail.claim_proof_of_loss_accepted.subject': 'Wij hebben uw schadeopgave aanvaard',
  'mail.claim_proof_of_loss_accepted.intro': 'Wij hebben de schadeopgave aanvaard die u stuurde voor schadeclaim {claimNumber}. {next}',
  'mail.claim_proof_of_loss_accepted.action': 'Bekijk uw schadeclaim',
  'mail.claim_proof_of_loss_accepted.outro': 'Dank u wel. Op de pagina van uw schadeclaim volgt u de termijnen en betalingen.',
  'claims_polish.proof_accepted.pay_by': 'U bent ook akkoord gegaan met het schadebedrag, dus wij betalen uiterlijk {date}.',
  'claims_polish.proof_accepted.agree_next': 'Zodra u schriftelijk akkoord bent gegaan met het schadebedrag, betalen wij binnen 30 dagen.',
  'mail.claim_settlement_ready.subject': 'Uw schadeafwikkeling staat klaar',
  'mail.claim_settlement_ready.intro': 'Wij hebben berekend wat wij betalen bij schadeclaim {claimNumber}: {amount}. {next}',
  'mail.claim_settlement_ready.action': 'Afwikkeling bekijken',
  'mail.claim_settlement_ready.outro':
    'Wij betalen binnen 30 dagen nadat u schriftelijk akkoord bent gegaan met het bedrag en wij uw schadeopgave hebben aanvaard. Bent u het niet eens met het bedrag, dan kunnen u en wij om een taxatie vragen.',
  'claims_polish.settlement_ready.first':
    'Op de afwikkelingspagina ziet u per sieraad hoe wij tot het bedrag komen. Controleer het en ga, als u het ermee eens bent, op die pagina schriftelijk akkoord.',
  'claims_polish.settlement_ready.changed':
    'Dit vervangt het bedrag dat wij u eerder lieten zien; daarom vragen wij opnieuw uw akkoord. Op de afwikkelingspagina ziet u per sieraad hoe wij tot het bedrag komen.',
  'mail.claim_duty_withdrawn.subject': 'Wij hebben dit niet meer van u nodig',
  'mail.claim_duty_withdrawn.intro': 'Voor schadeclaim {claimNumber} hebben wij het volgende niet meer van u nodig: {duty}.',
  'mail.claim_duty_withdrawn.action': 'Bekijk uw schadeclaim',
  'mail.claim_duty_withdrawn.outro': 'U kunt ons eerdere verzoek en de herinneringen negeren. Hebt u het al gedaan, dan danken wij u.',
  'claims_polish.withdraw.label': 'Verzoek intrekken: {what}',
  'claims_polish.withdraw.reason': 'Waarom het wordt ingetrokken',
  'claims_polish.withdraw.reason_hint': 'Bewaard in het auditspoor van de schadeclaim; de verzekerde hoort alleen dat het niet meer nodig is.',
  'claims_polish.withdraw.reason_required': 'Zeg waarom het verzoek wordt ingetrokken (minstens 3 tekens).',
  'claims_polish.withdraw.submit': 'Verzoek intrekken',
  'claims_polish.withdraw.done': 'Verzoek ingetrokken: {what}. De termijn vervalt.',
  'claims_polish.error.request_answered': 'De verzekerde heeft dit verzoek al beantwoord: leg het in plaats daarvan vast als gedaan.',
};

export const claimPolishMessages = { en, nl };
