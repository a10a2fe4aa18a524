// Mail text (en).
import type { zhMail } from './zh-CN.mail'

export const enMail: typeof zhMail = {
  mail: {
    brand: 'Carnation · City Federation of Trade Unions',
    footer: 'Sent automatically by Carnation; replies are not read. Questions: call {{phone}}.',
    greeting: 'Dear {{name}},',
    details: 'Details',
    attendee: 'Attendee: {{name}}',
    when: 'When: {{when}}',
    where: 'Where: {{place}}',
    lotteryResults: 'The published results (verifiable):',
    viewBookings: 'See my bookings',
    subject: {
      'booking-confirmed': 'Booked: {{title}}',
      waitlisted: 'On the waitlist: {{title}}',
      offer: 'A place is held for you: {{title}}',
      promoted: 'Off the waitlist and booked: {{title}}',
      'offer-expired': 'Held place expired: {{title}}',
      'booking-cancelled': 'Booking cancelled: {{title}}',
      'session-changed': 'Time or place changed: {{title}}',
      'session-cancelled': 'Cancelled: {{title}}',
      'organiser-message': '{{subject}}',
      'lottery-placed': 'Lottery result: a place · {{title}}',
      'lottery-waitlisted': 'Lottery result: waitlist · {{title}}',
      'mutual-matches': 'Mutual choice: {{title}}',
      'child-collected': 'Collected: {{title}}',
      reminder: 'Reminder: {{title}} · {{when}}',
      'feedback-request': 'How was it? {{title}}',
      'verify-email': 'Please verify your email address',
      'password-reset': 'Reset your password',
      'confirm-email-change': 'Please confirm your new email address',
      'email-change-requested': 'Someone asked to change your account’s email address',
      'email-changed': 'Your account’s email address was changed',
    },
    body: {
      'booking-confirmed': '{{attendee}} is booked. The calendar invite is attached: add it to get reminders.',
      'lottery-offered':
        'The lottery has been drawn: {{attendee}} has a place (choice {{choice}}), held for you until {{deadline}}. Please accept it before then; a place not claimed in time passes down the waitlist.',
      'lottery-placed':
        'The lottery has been drawn: {{attendee}} has a place (choice {{choice}}), and the booking is confirmed. The calendar invite is attached.',
      'lottery-waitlisted':
        'The lottery has been drawn: {{attendee}} did not get a place this time and is number {{number}} on the waitlist, in draw order. When someone gives up or cancels, places pass down the waitlist and we will write at once.',
      waitlisted: 'The session is full: {{attendee}} is number {{position}} on the waitlist. We will write as soon as a place frees up.',
      offer:
        'A place has freed up and is held for {{attendee}} until {{deadline}}. Please accept it before then, or it passes to the next person.',
      promoted: 'A place freed up: {{attendee}} has moved from the waitlist to a confirmed booking. The calendar invite is attached.',
      'offer-expired': 'The place held for {{attendee}} was not accepted in time and has passed to the next person.',
      'booking-cancelled': 'The booking for {{attendee}} is cancelled.',
      'cancelled-by-organiser': 'The organiser cancelled the booking for {{attendee}}. Reason: {{reason}}',
      'session-changed': 'The time or place has changed. The new details are below; your calendar is updated.',
      'session-cancelled': 'We are sorry: this session is cancelled. Reason: {{reason}}',
      'mutual-matches': 'The mutual choice is in: {{count}} of the people you chose chose you too.',
      'mutual-none': 'No mutual choice this time. Thank you for taking part — we hope to see you at the next one!',
      'mutual-match': 'No. {{badge}} {{name}}',
      'mutual-share': { none: 'chose not to share a contact', phone: 'phone {{contact}}', wechat: 'WeChat {{contact}}' },
      'mutual-link': 'See your matches',
      'mutual-note': 'Only choices made both ways are shown; a one-sided choice is told to nobody. The choices are deleted in a few days.',
      'child-collected': '{{attendee}} was collected at {{time}} by {{by}}.',
      'child-collected-note': 'If you do not know or did not authorise this person, call the organisers now: {{phone}}.',
      'organiser-message': '{{body}}',
      reminder: 'A reminder: {{attendee}} is booked on this programme, {{when}}.',
      'reminder-prepare': 'What to bring / how to prepare:',
      'reminder-contact':
        'Questions? Call {{phone}}. If you cannot come, report the absence or cancel in time, so the place can go to someone waiting.',
      'reminder-absence': 'Report an absence',
      'reminder-cancel': 'Cancel the booking',
      'reminder-off': 'Rather not have reminders? Switch them off on your profile; mail about changes to your bookings still goes.',
      'feedback-request':
        'The programme {{attendee}} took part in is over — thank you for coming! How was it? Tap the stars, and leave the organisers a word if you like.',
      'feedback-link': 'Open the feedback page',
      'feedback-note': 'No login needed; once per booking. Organisers see your comment without your name.',
    },
    accountFooter: 'Sent automatically by Carnation; replies are not read. Our staff will never ask you for your password or for a link.',
    account: {
      'verify-email': {
        body: 'Thank you for joining Carnation. Please verify this email address with the button below. Until you do, your bookings stand, but booking confirmations and calendar invites wait until the address is verified.',
        button: 'Verify my email',
        note: 'The link works once, for 7 days. If you did not sign up, please ignore this message.',
      },
      'password-reset': {
        body: 'Someone asked to reset the password of your account. Set a new one with the button below; every device signed in will be signed out.',
        button: 'Set a new password',
        note: 'The link works once, for 30 minutes. If you did not ask for this, ignore this message: your password stays as it is.',
      },
      'confirm-email-change': {
        body: 'You asked to change your Carnation email address to {{newEmail}}. Please confirm with the button below; from then on, mail goes to this address.',
        button: 'Confirm my new email',
        note: 'The link works once, for 24 hours. If you did not ask for this, ignore this message: the address stays as it is.',
      },
      'email-change-requested': {
        body: 'Someone asked to change your Carnation account’s email address to {{newEmail}}. Nothing changes unless the link sent to that address is followed.',
        note: 'If this was not you, reset your password now with “Forgot password”: the new password cancels this request.',
      },
      'email-changed': {
        body: 'Your Carnation account’s email address is now {{newEmail}}; mail goes there from now on.',
        note: 'If this was not you, reset your password at once with “Forgot password” and contact an organiser.',
      },
    },
    accept: 'Accept the place',
    decline: 'Decline the place',
  },
}
