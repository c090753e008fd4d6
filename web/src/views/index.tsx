import type { ViewId } from '../state/app-state';
import { AbstinenceView } from './AbstinenceView';
import { ComparativeView } from './ComparativeView';
import { CostView } from './CostView';
import { DataQualityView } from './DataQualityView';
import { DefinitionsView } from './DefinitionsView';
import { OverviewView } from './OverviewView';
import { ProgramsView } from './ProgramsView';
import { RetentionView } from './RetentionView';
import { StepDownView } from './StepDownView';
import { TrendsView } from './TrendsView';
import { StudyView } from '../study/StudyView';

export const VIEW_COMPONENTS: Record<ViewId, () => React.ReactElement> = {
  overview: OverviewView,
  retention: RetentionView,
  abstinence: AbstinenceView,
  'step-down': StepDownView,
  cost: CostView,
  programs: ProgramsView,
  trends: TrendsView,
  comparative: ComparativeView,
  'data-quality': DataQualityView,
  study: StudyView,
  definitions: DefinitionsView,
};
