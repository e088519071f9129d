/**
 * PRV-RIGHT-2 / PRV-PORTAL-1: the contact data a customer keeps up to date themselves: name, phone and postal
 * address. Pure validation: every problem at once, with the field it belongs to.
 */
export type PostalAddress = { line1: string; line2: string | null; city: string; postalCode: string; country: string };
export type ContactDetails = { displayName: string; phone: string | null; postalAddress: PostalAddress | null };

export type ContactInput = {
  displayName: string;
  phone?: string | undefined;
  line1?: string | undefined;
  line2?: string | undefined;
  city?: string | undefined;
  postalCode?: string | undefined;
  country?: string | undefined;
};

export type ContactProblemCode = 'name_required' | 'name_too_long' | 'phone_invalid' | 'address_incomplete' | 'country_invalid' | 'field_too_long';
export type ContactProblem = { field: string; code: ContactProblemCode };

// E.164-like: an optional +, digits, spaces, dots, dashes and brackets, 6 to 20 digits in all.
const PHONE = /^\+?[0-9 ().-]{6,30}$/;

export function validateContact(input: ContactInput): { ok: true; value: ContactDetails } | { ok: false; problems: ContactProblem[] } {
  const problems: ContactProblem[] = [];
  const name = input.displayName.trim();
  if (name === '') problems.push({ field: 'displayName', code: 'name_required' });
  else if (name.length > 120) problems.push({ field: 'displayName', code: 'name_too_long' });
  const phone = input.phone?.trim() ?? '';
  const digits = phone.replace(/\D/g, '').length;
  if (phone !== '' && (!PHONE.test(phone) || digits < 6 || digits > 20)) problems.push({ field: 'phone', code: 'phone_invalid' });
  const parts = {
    line1: input.line1?.trim() ?? '',
    line2: input.line2?.trim() ?? '',
    city: input.city?.trim() ?? '',
    postalCode: input.postalCode?.trim() ?? '',
    country: input.country?.trim().toUpperCase() ?? '',
  };
  for (const [field, value] of Object.entries(parts)) if (value.length > 200) problems.push({ field, code: 'field_too_long' });
  const anyAddress = Object.values(parts).some((value) => value !== '');
  if (anyAddress) {
    for (const field of ['line1', 'city', 'postalCode', 'country'] as const) if (parts[field] === '') problems.push({ field, code: 'address_incomplete' });
    if (parts.country !== '' && !/^[A-Z]{2}$/.test(parts.country)) problems.push({ field: 'country', code: 'country_invalid' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      displayName: name,
      phone: phone === '' ? null : phone,
      postalAddress: anyAddress
        ? { line1: parts.line1, line2: parts.line2 === '' ? null : parts.line2, city: parts.city, postalCode: parts.postalCode, country: parts.country }
        : null,
    },
  };
}
