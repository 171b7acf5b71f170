export type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

/**
 * Class names for a button of the given variant, for elements that are not <Button>. The looks are named once in
 * app/globals.css (`.btn`, `.btn-<variant>`): spelled out in utilities, each button carried ~250 bytes of class
 * names in the HTML and again in the RSC payload. They sit in the components layer, so `extra` utilities win.
 */
export function buttonClass(variant: Variant = 'primary', extra = ''): string {
  return extra ? `btn btn-${variant} ${extra}` : `btn btn-${variant}`;
}
