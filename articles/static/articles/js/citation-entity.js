/*
 * The CITATION entity for Draftail: a toolbar button that opens the source
 * chooser (a Wagtail ChooserViewSet modal) and wraps the selected words in a
 * citation of the chosen source. Stored as <a linktype="citation" id="...">.
 */
(() => {
  'use strict';

  const { React, draftail } = window;
  const Base = draftail.ModalWorkflowSource;

  class CitationSource extends Base {
    getChooserConfig() {
      const { citationChooser } = this.props.entityType.chooserUrls;
      return {
        url: citationChooser,
        urlParams: {},
        onload: new window.ChooserModalOnloadHandlerFactory().getOnLoadHandlers(),
        responses: { chosen: this.onChosen },
      };
    }

    filterEntityData(data) {
      return { id: Number(data.id), label: data.title };
    }
  }

  // TooltipEntity wants an icon element, not an icon name.
  const { Icon } = window.wagtail.components;
  const citationIcon = React.createElement(Icon, { name: 'doc-full' });

  const Citation = (props) => {
    const { entityKey, contentState, children } = props;
    const { label } = contentState.getEntity(entityKey).getData();
    return React.createElement(
      draftail.TooltipEntity,
      { ...props, icon: citationIcon, label: label || 'Citation', url: null },
      React.createElement('span', { className: 'citation-entity' }, children),
    );
  };

  draftail.registerPlugin(
    { type: 'CITATION', source: CitationSource, decorator: Citation },
    'entityTypes',
  );
})();
