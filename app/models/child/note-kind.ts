/**
 * Whether a child's note is about health (allergy, medicine, a condition) and so deserves the
 * red warning on rosters and at the door — "needs a nap" does not. Words in both languages
 * guardians actually write; anything else is shown plainly.
 */
const MEDICAL =
  /过敏|药|哮喘|癫痫|糖尿病|心脏|心脏病|血友病|蚕豆病|抽搐|胰岛素|肾上腺素|急救|禁食|不能吃|忌口|病|allerg|medic|asthma|epilep|diabet|insulin|epipen|inhaler|seizure|heart|anaphyla/i

export const isMedicalNote = (note: string) => MEDICAL.test(note)
