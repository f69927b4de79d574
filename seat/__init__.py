"""The browser seat: the Ladder app served to a browser (`ladder serve`), each member
signed in, on textual-serve. A front end beside `cli/`, below the command that starts it."""
