/**
 * Whole numbers sent by the database packed into one text value: ',' between a row's columns, ';' between rows
 * (`'1,2025,3;4,2025,5'`), every row `width` columns wide. Read in one pass over the characters into one flat
 * array (row r, column c at `r * width + c`): splitting the text made an array and a string per number and per row,
 * which for a whole country's aggregates (tens of thousands of rows) cost more than the query.
 * Anything else than digits, a leading minus and the two separators is refused, as is a row of the wrong width.
 * @example unpackIntegers('1,2025,3;4,2025,-5', 3) → Float64Array [1, 2025, 3, 4, 2025, -5]
 */
export function unpackIntegers(text: string, width: number): Float64Array {
  if (!Number.isInteger(width) || width < 1) throw new Error(`unpackIntegers: width ${width}`);
  if (text === '') return new Float64Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 59) count++;
  }
  if (count % width !== 0) throw new Error(`unpackIntegers: ${count} numbers are not rows of ${width}`);
  const out = new Float64Array(count);
  let k = 0;
  let value = 0;
  let digits = 0;
  let negative = false;
  for (let i = 0; i <= text.length; i++) {
    // the text's end closes the last row
    const c = i < text.length ? text.charCodeAt(i) : 59;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (c === 45 && digits === 0 && !negative) negative = true;
    else if (c === 44 || c === 59) {
      if (digits === 0) throw new Error(`unpackIntegers: an empty number at character ${i}`);
      out[k++] = negative ? -value : value;
      // a row ends with ';' (or the text) and nowhere else
      if ((c === 59) !== (k % width === 0)) throw new Error(`unpackIntegers: a row of the wrong width at ${i}`);
      value = 0;
      digits = 0;
      negative = false;
    } else throw new Error(`unpackIntegers: unexpected "${text[i]}" at character ${i}`);
  }
  return out;
}
