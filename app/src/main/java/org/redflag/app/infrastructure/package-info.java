/**
 * What every capability's storage and exports build on: work that runs only once a transaction has committed,
 * text cut to fit its column, and CSV cells a spreadsheet will not run as formulas.
 */
package org.redflag.app.infrastructure;
