// Parses an iCalendar file with ical.js (a real parser, not ours) and prints what a calendar
// client would show, as JSON on stdout: the calendar's properties and each VEVENT's.
//   node check.mjs feed.ics
// Exits 1 with the parser's message when the text is not iCalendar ical.js can read.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const text = readFileSync(process.argv[2], 'utf8');
let calendar;
try {
  calendar = new ICAL.Component(ICAL.parse(text));
} catch (err) {
  console.error(`ical.js could not parse the feed: ${err.message}`);
  process.exit(1);
}

const utc = (time) => (time ? time.toJSDate().toISOString() : null);
const events = calendar.getAllSubcomponents('vevent').map((component) => {
  const event = new ICAL.Event(component);
  const start = component.getFirstPropertyValue('dtstart');
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description ?? null,
    location: event.location ?? null,
    url: component.getFirstPropertyValue('url') ?? null,
    status: component.getFirstPropertyValue('status') ?? null,
    dtstamp: utc(component.getFirstPropertyValue('dtstamp')),
    start: utc(start),
    end: utc(component.getFirstPropertyValue('dtend')),
    start_is_utc: start ? start.zone === ICAL.Timezone.utcTimezone : false,
  };
});

console.log(JSON.stringify({
  version: calendar.getFirstPropertyValue('version'),
  prodid: calendar.getFirstPropertyValue('prodid'),
  events,
}));
