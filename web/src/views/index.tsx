import type { ViewId } from '../state/app-state';
import { OverviewView } from './OverviewView';

function Pending({ name }: { name: string }) {
  return (
    <section className="view">
      <h2>{name}</h2>
      <p>Coming soon.</p>
    </section>
  );
}

export const VIEW_COMPONENTS: Record<ViewId, () => React.ReactElement> = {
  overview: OverviewView,
  retention: () => <Pending name="Retention" />,
  abstinence: () => <Pending name="Abstinence" />,
  'step-down': () => <Pending name="Step-down" />,
  cost: () => <Pending name="Cost" />,
  programs: () => <Pending name="Programs" />,
  'data-quality': () => <Pending name="Data quality" />,
};
