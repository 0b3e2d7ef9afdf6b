package com.alphastocks.options;

/** A call (CE, the right to buy) or a put (PE, the right to sell), as NSE writes them at the end of a trading symbol. */
public enum OptionType {
    CE, PE
}
