// Reads a vCard (3.0 or 4.0) or iCalendar file with ical.js (Mozilla's
// parser, the one Nextcloud and Thunderbird use) and prints every component
// as JSON: {name, properties: [{name, params, type, values}], components}.
// Usage: node icaljs_dump.cjs ICALJS_MODULE_DIR FILE
const loaded = require(process.argv[2]);
const ICAL = loaded.default || loaded;  // ical.js 2 ships its CommonJS build as a default export
const fs = require('fs');
const text = fs.readFileSync(process.argv[3], 'utf8');
function dump(component) {
  return {
    name: component.name,
    properties: component.getAllProperties().map((p) => ({
      name: p.name,
      params: p.toJSON()[1],
      type: p.type,
      values: p.getValues().map((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v.toString() : v)),
    })),
    components: component.getAllSubcomponents().map(dump),
  };
}
let parsed = ICAL.parse(text);
// One component gives one jCal array; several vCards give a list of them.
if (typeof parsed[0] === 'string') parsed = [parsed];
process.stdout.write(JSON.stringify(parsed.map((j) => dump(new ICAL.Component(j)))));
