/** Problem-response titles and messages (RFC 9457), by stable error code. */
const en = {
  'error.validation_failed': 'Some of the information sent is not valid.',
  'error.malformed_json': 'The request body is not valid JSON.',
  'error.payload_too_large': 'The request is too large.',
  'error.unsupported_media_type': 'This content type is not accepted here.',
  'error.not_found': 'Not found.',
  'error.method_not_allowed': 'This method is not allowed here.',
  'error.unauthenticated': 'Please log in first.',
  'error.session_expired': 'Your session has expired. Please log in again.',
  'error.forbidden': 'You may not do this.',
  'error.csrf_invalid': 'This form has expired or was not sent from Bezel. Please reload the page and try again.',
  'error.rate_limited': 'Too many attempts. Please wait {seconds} seconds and try again.',
  'error.idempotency_key_reused': 'This Idempotency-Key was already used with a different request.',
  'error.idempotency_key_invalid': 'The Idempotency-Key header must be 1 to 200 visible characters.',
  'error.conflict': 'This conflicts with the current state of the record.',
  'error.internal': 'Something went wrong on our side. The error was logged with request id {requestId}.',
  'error.service_unavailable': 'Bezel is starting or stopping. Please try again shortly.',
} as const;

const nl: Record<keyof typeof en, string> = {
  'error.validation_failed': 'Een deel van de verstuurde gegevens is niet geldig.',
  'error.malformed_json': 'De inhoud van het verzoek is geen geldige JSON.',
  'error.payload_too_large': 'Het verzoek is te groot.',
  'error.unsupported_media_type': 'Dit type inhoud wordt hier niet geaccepteerd.',
  'error.not_found': 'Niet gevonden.',
  'error.method_not_allowed': 'Deze methode is hier niet toegestaan.',
  'error.unauthenticated': 'Log eerst in.',
  'error.session_expired': 'Uw sessie is verlopen. Log opnieuw in.',
  'error.forbidden': 'U mag dit niet doen.',
  'error.csrf_invalid': 'Dit formulier is verlopen of niet vanuit Bezel verstuurd. Laad de pagina opnieuw en probeer het nog eens.',
  'error.rate_limited': 'Te veel pogingen. Wacht {seconds} seconden en probeer het opnieuw.',
  'error.idempotency_key_reused': 'Deze Idempotency-Key is al gebruikt voor een ander verzoek.',
  'error.idempotency_key_invalid': 'De Idempotency-Key-header moet 1 tot 200 zichtbare tekens bevatten.',
  'error.conflict': 'Dit is in strijd met de huidige toestand van het gegeven.',
  'error.internal': 'Er ging bij ons iets mis. De fout is vastgelegd met verzoek-id {requestId}.',
  'error.service_unavailable': 'Bezel start op of stopt. Probeer het zo opnieuw.',
};

export const errorMessages = { en, nl };
