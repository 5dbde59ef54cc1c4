/** Built-in scenarios, bundled as text by web/build.mjs from scenarios/*.yaml. */
declare module 'virtual:scenarios' {
  const scenarios: readonly { readonly file: string; readonly text: string }[];
  export default scenarios;
}
