// The command line and the full-screen browser. Commands/ holds one file per command.
Console.WriteLine("SessionBrowser: under construction");
return 0;
