/** What every {@code redflag} command shares: its exit codes and the build's version. */
package org.redflag.app.cli;
