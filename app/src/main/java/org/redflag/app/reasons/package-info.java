/**
 * Statements of reasons (DSA Art. 17) for every decision that restricts a listing or an account, with the fields
 * of the DSA Transparency Database submission, ready for export.
 */
package org.redflag.app.reasons;
