using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;

namespace LatentPlayground.Core.Tests.Ui;

/// <summary>The display is drawn every frame on the control thread; drawing must not feed the garbage collector.</summary>
[Collection(AllocationCollection.Name)]
public sealed class PanelAllocationTests
{
    [Fact]
    public void Drawing_every_page_allocates_nothing()
    {
        var renderer = new PanelRenderer(PanelLayout.Default);
        var navigator = new PanelNavigator(PanelLayout.Default);
        var frame = new Framebuffer();
        PanelView view = PanelTestViews.Playing();
        view.Message = "Saved\nVoronoi drift";
        PanelPage[] pages = Enum.GetValues<PanelPage>();
        void DrawAll()
        {
            foreach (PanelPage page in pages)
            {
                PanelNavigator.ShowPage(view, page);
                navigator.Push(view);
                navigator.Turn(view, 1, 1);
                renderer.Render(view, frame);
                view.Frame++;
            }
        }

        DrawAll();
        GC.Collect();
        int collections = GC.CollectionCount(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            DrawAll();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(collections, GC.CollectionCount(0));
    }

    [Fact]
    public void Drawing_the_xy_page_allocates_nothing_on_any_row_in_either_mode()
    {
        var renderer = new PanelRenderer(PanelLayout.Default);
        var navigator = new PanelNavigator(PanelLayout.Default);
        var frame = new Framebuffer();
        PanelView view = PanelTestViews.Mapping();
        int rows = PanelLayout.Default.Rows(PanelPage.Xy).Count;

        // Every row at the row and the edit level, in both modes, through every text a row can show: progress
        // and done, a loss in the fixed and in the exponent form, a selection and none, reset armed and not.
        void DrawAll()
        {
            for (int pass = 0; pass < 4; pass++)
            {
                view.Values.Set(ParameterId.XyPredict, pass % 2);
                view.Xy.Training = pass == 0;
                view.Xy.Progress = 0.57;
                view.Xy.Loss = pass switch { 0 => null, 1 => 0.0012, 2 => 2.1e-5, _ => double.NaN };
                view.Xy.Selected = pass == 3 ? -1 : 2;
                view.Xy.ResetArmed = pass == 2;
                PanelNavigator.ShowPage(view, PanelPage.Xy);
                renderer.Render(view, frame);
                navigator.Push(view);
                for (int r = 0; r < rows; r++)
                {
                    view.Level = PanelLevel.Row;
                    renderer.Render(view, frame);
                    view.Level = PanelLevel.Edit;
                    renderer.Render(view, frame);
                    view.Level = PanelLevel.Row;
                    navigator.Turn(view, 1, 1);
                    view.Frame++;
                }
            }
        }

        DrawAll();
        GC.Collect();
        int collections = GC.CollectionCount(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            DrawAll();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(collections, GC.CollectionCount(0));
    }
}
