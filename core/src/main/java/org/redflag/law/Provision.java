package org.redflag.law;

/** A provision a rule or parameter rests on: {@code id} is its stable citation id, e.g. {@code cn.ecl.art42}. */
public record Provision(String id, String instrument, String article, String text) {

    /** "E-Commerce Law of the PRC Art. 42". */
    public String label() {
        return instrument + " " + article;
    }
}
