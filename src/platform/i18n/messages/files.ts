/** The files module: uploaded appraisals and receipts (issue #3; JPF-ADD-1, JPF-COND-9). */
const en = {
  'files.file_empty': 'The file is empty. Choose the file again.',
  'files.file_too_large': 'The file is larger than {limit}. Send a smaller scan or photo.',
  'files.file_type_unsupported': 'This file is not a PDF, JPEG or PNG. Send the appraisal or receipt as one of those.',
  'files.file_type_mismatch': 'This file is a {actual} but was sent as {claimed}. Send it with its own file type and name.',
  'files.multipart_not_accepted': 'Files cannot be sent here.',
  'files.too_many_parts': 'The form holds too many fields or files.',
  'files.attachment_invalid': 'An attached file cannot be used.',
  'files.attachment.file_not_found': 'The file was not found. Upload it again.',
  'files.attachment.purpose_mismatch': 'This file was uploaded as another kind of document than is needed here. Upload it again as the right kind.',
  'files.attachment.already_linked': 'This file is already attached to another application or policy. Upload it again.',
  'files.attachment.not_applicants': 'This file belongs to someone else.',
  'files.form.appraisal_file': 'Appraisal (PDF, JPEG or PNG)',
  'files.form.appraisal_file_hint': 'Up to {limit}. The appraisal by the selling or an approved jeweler.',
} as const;

const nl: Record<keyof typeof en, string> = {
  'files.file_empty': 'Het bestand is leeg. Kies het bestand opnieuw.',
  'files.file_too_large': 'Het bestand is groter dan {limit}. Stuur een kleinere scan of foto.',
  'files.file_type_unsupported': 'Dit bestand is geen PDF, JPEG of PNG. Stuur het taxatierapport of de aankoopbon in een van die vormen.',
  'files.file_type_mismatch': 'Dit bestand is een {actual} maar is verstuurd als {claimed}. Stuur het met het eigen bestandstype en de eigen naam.',
  'files.multipart_not_accepted': 'Hier kunnen geen bestanden worden verstuurd.',
  'files.too_many_parts': 'Het formulier bevat te veel velden of bestanden.',
  'files.attachment_invalid': 'Een bijgevoegd bestand kan niet worden gebruikt.',
  'files.attachment.file_not_found': 'Het bestand is niet gevonden. Upload het opnieuw.',
  'files.attachment.purpose_mismatch': 'Dit bestand is geüpload als een ander soort document dan hier nodig is. Upload het opnieuw als het juiste soort.',
  'files.attachment.already_linked': 'Dit bestand hoort al bij een andere aanvraag of polis. Upload het opnieuw.',
  'files.attachment.not_applicants': 'Dit bestand is van iemand anders.',
  'files.form.appraisal_file': 'Taxatierapport (PDF, JPEG of PNG)',
  'files.form.appraisal_file_hint': 'Tot {limit}. Het taxatierapport van de verkopende of een erkende juwelier.',
};

export const fileMessages = { en, nl };
