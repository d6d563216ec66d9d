// The benchmark program: scenarios on generated stores, medians and peak memory, one table.
Console.WriteLine("SessionBrowser benchmarks");
SessionBrowser.Benchmarks.RenderBenchmark.Run(Console.Out);
