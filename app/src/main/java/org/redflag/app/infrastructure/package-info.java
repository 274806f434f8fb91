/**
 * What every capability's storage and exports build on: work that runs only once a transaction has committed,
 * text cut to fit its column, CSV cells a spreadsheet will not run as formulas, and the embedded database's file
 * kept compact.
 */
package org.redflag.app.infrastructure;
