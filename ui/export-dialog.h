/* The wizard's export dialog: a format menu, a folder, then the files. */
#ifndef UI_EXPORT_DIALOG_H
#define UI_EXPORT_DIALOG_H

struct application;

/*
 * Export the issued application app as certwiz export does (same core
 * function): the user picks the format and the folder, types a key's
 * passphrase or a PKCS#12 password when needed, and is shown the files
 * written or what stopped the export. Takes the application's lock.
 */
void ui_export_dialog(const struct application *app);

#endif /* UI_EXPORT_DIALOG_H */
