package org.seedcast.accounts;

/** An account could not be created as asked; {@link #field()} names the form field at fault. */
public class InvalidAccountException extends RuntimeException {

    private final String field;

    public InvalidAccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
