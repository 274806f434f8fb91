/** Listings on the platform: who sells them and whether they are online. */
package org.redflag.app.listing;
