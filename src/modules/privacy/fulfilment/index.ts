/** Privacy fulfilment (issue #5): access packages, portability, erasure, restriction, correction, account closure. */

export { FULFILMENT_QUEUE_PATH, fulfilmentBackofficePages } from './http/backoffice-pages.tsx';
export { fulfilmentPages, MY_DATA_PATH } from './http/pages.tsx';
export {
  type AccessPackageSummary,
  BUILD_PACKAGE_JOB,
  collectAccessPackage,
  downloadOwnAccessPackage,
  fulfilmentJobHandlers,
  listOwnAccessPackages,
  requestOwnAccessPackage,
  revealPackagePassword,
  startAccessPackage,
} from './use-cases/access-package.ts';
export {
  closeOwnAccount,
  decideContactCorrection,
  getOwnContact,
  listPendingCorrections,
  requestContactCorrection,
  updateOwnContact,
} from './use-cases/contact-details.ts';
export { eraseOwnData } from './use-cases/erase-own-data.ts';
export { type ErasureReport, erasePersonData } from './use-cases/erase-person.ts';
export { downloadDeliveredPackage, sendPackageToRecipient } from './use-cases/portability.ts';
export {
  assertPersonNotRestricted,
  isRestricted,
  liftRestriction,
  listRestrictions,
  restrictedAmong,
  restrictProcessing,
  startRestriction,
} from './use-cases/restriction.ts';
