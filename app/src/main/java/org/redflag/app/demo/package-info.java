/** {@code redflag demo}: the server with demo accounts and demo data, notices in every stage. */
package org.redflag.app.demo;
