namespace Husly.Platform.Jobs;

/// <summary>The loop every periodic job shares: run the work in a scope of its own now and then at each interval; a
/// failed run is logged and the next one comes at the next tick; stopping the app ends the loop.</summary>
public static class PeriodicRun
{
    public static async Task RunAsync(IServiceScopeFactory scopes, TimeSpan interval, ILogger logger, string name,
        Func<IServiceProvider, CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Job} failed; it runs again at the next interval", name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
