/** The URL query for a GET form's current values: empty fields left out, so shared links stay short. */
export function queryOf(form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value === 'string' && value.trim()) params.append(key, value.trim());
  }
  return params.toString();
}
