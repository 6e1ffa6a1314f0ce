// The lesson body's editor alone (`@tc/catalog/web/markdown`): markdown beside the server's rendering of
// it, for other domains that write markdown the same way (a cohort's announcements).
export { MarkdownEditorComponent } from './lib/ui/markdown-editor.component';
