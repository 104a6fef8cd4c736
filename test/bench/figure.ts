// One benchmark figure: a line of the human table, then the same figure as a JSON line
// ({"name","value","unit"}) that scripts and CI can read without parsing the table.
export function figure(name: string, value: number, unit: string, note = ""): void {
  console.log(`${name.padEnd(58)} ${value.toFixed(1).padStart(9)} ${unit}${note ? `  ${note}` : ""}`);
  console.log(JSON.stringify({ name, value: Number(value.toFixed(3)), unit }));
}
