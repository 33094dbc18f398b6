// A form's values as typed, kept as strings while the person types and after the API refuses them;
// `bind` gives an input, select or textarea its value and its input handler.
import { useState } from 'preact/hooks';

export function useFormValues<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const set = (name: keyof T, value: string) => setValues((before) => ({ ...before, [name]: value }));
  const bind = (name: keyof T) => ({
    value: values[name],
    onInput: (event: { currentTarget: { value: string } }) => set(name, event.currentTarget.value),
  });
  return { values, set, bind, reset: () => setValues(initial) };
}

/** Euros as typed (`1234.5` or `1234,5`) to integer cents; what is not a number stays NaN for the API to name. */
export const centsOf = (euros: string): number => Math.round(Number(euros.trim().replace(',', '.')) * 100);

/** Cents as euros for an input's value. */
export const eurosOf = (cents: number): string => (cents / 100).toFixed(2);

/** An optional text: left out when empty. */
export const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
