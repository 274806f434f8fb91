/** The {@code assess} command: liability assessments of case files, one report each and a summary table. */
package org.redflag.app.liability;
