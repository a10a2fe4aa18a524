import type { zhReminders } from './zh-CN.reminders'

// Reminders before meetings, what to bring, and the word afterwards (en).
export const enReminders: typeof zhReminders = {
  reminders: {
    form: {
      title: 'Reminders and what to bring',
      explain:
        'Everyone with a confirmed place gets a reminder mail at the time each rule says: who, when, where, what to bring, the contact phone, and links to report an absence or cancel. "Days before, at a time" suits an evening reminder (1 day before at 18:00); "hours before" counts back from the start. "Every meeting" suits a weekly course, "the first and each Monday" a camp term. Calendar invites carry an alarm at the first rule too.',
      explainLate:
        'One mail per person, meeting and rule. Cancelled, waitlisted or unclaimed places get none, nor does a day reported absent; a moved session is reminded at its new time. If the system was down at a reminder’s time it sends it late while the meeting is still more than 30 minutes away, otherwise not at all.',
      defaults:
        'This programme uses the defaults for its kind. Saving switches to the settings below; set all three to "no reminder" to switch reminders off.',
      rule: 'Reminder {{n}}',
      type: 'When',
      meetings: 'Which meetings',
      days: 'Days before',
      at: 'At (Beijing time)',
      hours: 'Hours before',
      prepareZh: 'What to bring / how to prepare (Chinese)',
      prepareEn: 'What to bring / how to prepare (English; left empty, the Chinese is shown)',
      prepareHint:
        'E.g. an empty stomach and your ID card; a water bottle and a sun hat. Shown on the programme page and in every reminder.',
      save: 'Save reminders',
    },
    type: { off: 'No reminder', days: 'Days before, at a time', hours: 'Hours before' },
    meetings: { first: 'The first meeting only', every: 'Every meeting', 'first-and-mondays': 'The first and each Monday' },
    feedback: {
      title: 'Feedback from attendees',
      summary: '{{asked}} asked, {{answered}} answered, average {{average}} of 5',
    },
  },
  feedback: {
    question: 'How was it?',
    rating: { '1': 'Very poor', '2': 'Poor', '3': 'OK', '4': 'Good', '5': 'Very good' },
    comment: 'A word for the organisers (optional)',
    commentHint: 'Up to 1000 characters. Organisers see it without your name.',
    send: 'Send',
    thanks: 'Thank you for your feedback!',
    alreadyAnswered: 'This booking’s feedback has been given already — thank you!',
    linkInvalid: 'This feedback link is not valid.',
    ratingRequired: 'Choose from 1 to 5 stars.',
    commentTooLong: 'The comment can be up to 1000 characters.',
  },
}
